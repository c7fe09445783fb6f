using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Ninsho.Protocol.Dispatch;

namespace Ninsho.Core;

/// <summary>Every operation handler of Ninsho.Core, listed by hand rather than found by scanning the assembly: a scan
/// (<c>Assembly.GetTypes()</c>) cost ~12 ms of each start and finds nothing in a Native AOT build, whose trimmer
/// keeps only the types the code names. <c>HandlerRegistrationTests</c> compares this list with a scan of the
/// assembly, so a new handler left out here fails the unit tests (its message prints the line to add).</summary>
internal static class OperationHandlers
{
    /// <summary>Registers each handler as a singleton for the <see cref="IOperationHandler{TRequest, TResponse}"/> it
    /// implements.</summary>
    internal static void Add(IServiceCollection services)
    {
        Add(services, typeof(Features.Auth.AdminInitiateAuthHandler));
        Add(services, typeof(Features.Auth.AdminRespondToAuthChallengeHandler));
        Add(services, typeof(Features.Auth.ChangePasswordHandler));
        Add(services, typeof(Features.Auth.GetTokensFromRefreshTokenHandler));
        Add(services, typeof(Features.Auth.GetUserHandler));
        Add(services, typeof(Features.Auth.GlobalSignOutHandler));
        Add(services, typeof(Features.Auth.InitiateAuthHandler));
        Add(services, typeof(Features.Auth.RespondToAuthChallengeHandler));
        Add(services, typeof(Features.Auth.RevokeTokenHandler));

        Add(services, typeof(Features.AuthEvents.AdminListUserAuthEventsHandler));
        Add(services, typeof(Features.AuthEvents.AdminUpdateAuthEventFeedbackHandler));

        Add(services, typeof(Features.Devices.AdminForgetDeviceHandler));
        Add(services, typeof(Features.Devices.AdminGetDeviceHandler));
        Add(services, typeof(Features.Devices.AdminListDevicesHandler));
        Add(services, typeof(Features.Devices.AdminUpdateDeviceStatusHandler));
        Add(services, typeof(Features.Devices.ConfirmDeviceHandler));
        Add(services, typeof(Features.Devices.ForgetDeviceHandler));
        Add(services, typeof(Features.Devices.GetDeviceHandler));
        Add(services, typeof(Features.Devices.ListDevicesHandler));
        Add(services, typeof(Features.Devices.UpdateDeviceStatusHandler));

        Add(services, typeof(Features.Domains.CreateUserPoolDomainHandler));
        Add(services, typeof(Features.Domains.DeleteUserPoolDomainHandler));
        Add(services, typeof(Features.Domains.DescribeUserPoolDomainHandler));
        Add(services, typeof(Features.Domains.UpdateUserPoolDomainHandler));

        Add(services, typeof(Features.Groups.AdminAddUserToGroupHandler));
        Add(services, typeof(Features.Groups.AdminListGroupsForUserHandler));
        Add(services, typeof(Features.Groups.AdminRemoveUserFromGroupHandler));
        Add(services, typeof(Features.Groups.CreateGroupHandler));
        Add(services, typeof(Features.Groups.DeleteGroupHandler));
        Add(services, typeof(Features.Groups.GetGroupHandler));
        Add(services, typeof(Features.Groups.ListGroupsHandler));
        Add(services, typeof(Features.Groups.ListUsersInGroupHandler));
        Add(services, typeof(Features.Groups.UpdateGroupHandler));

        Add(services, typeof(Features.IdentityPools.CreateIdentityPoolHandler));
        Add(services, typeof(Features.IdentityPools.DeleteIdentitiesHandler));
        Add(services, typeof(Features.IdentityPools.DeleteIdentityPoolHandler));
        Add(services, typeof(Features.IdentityPools.DescribeIdentityHandler));
        Add(services, typeof(Features.IdentityPools.DescribeIdentityPoolHandler));
        Add(services, typeof(Features.IdentityPools.GetCredentialsForIdentityHandler));
        Add(services, typeof(Features.IdentityPools.GetIdHandler));
        Add(services, typeof(Features.IdentityPools.GetIdentityPoolRolesHandler));
        Add(services, typeof(Features.IdentityPools.GetOpenIdTokenForDeveloperIdentityHandler));
        Add(services, typeof(Features.IdentityPools.GetOpenIdTokenHandler));
        Add(services, typeof(Features.IdentityPools.GetPrincipalTagAttributeMapHandler));
        Add(services, typeof(Features.IdentityPools.ListIdentitiesHandler));
        Add(services, typeof(Features.IdentityPools.ListIdentityPoolTagsHandler));
        Add(services, typeof(Features.IdentityPools.ListIdentityPoolsHandler));
        Add(services, typeof(Features.IdentityPools.LookupDeveloperIdentityHandler));
        Add(services, typeof(Features.IdentityPools.MergeDeveloperIdentitiesHandler));
        Add(services, typeof(Features.IdentityPools.SetIdentityPoolRolesHandler));
        Add(services, typeof(Features.IdentityPools.SetPrincipalTagAttributeMapHandler));
        Add(services, typeof(Features.IdentityPools.TagIdentityPoolHandler));
        Add(services, typeof(Features.IdentityPools.UnlinkDeveloperIdentityHandler));
        Add(services, typeof(Features.IdentityPools.UnlinkIdentityHandler));
        Add(services, typeof(Features.IdentityPools.UntagIdentityPoolHandler));
        Add(services, typeof(Features.IdentityPools.UpdateIdentityPoolHandler));

        Add(services, typeof(Features.IdentityProviders.CreateIdentityProviderHandler));
        Add(services, typeof(Features.IdentityProviders.DeleteIdentityProviderHandler));
        Add(services, typeof(Features.IdentityProviders.DescribeIdentityProviderHandler));
        Add(services, typeof(Features.IdentityProviders.GetIdentityProviderByIdentifierHandler));
        Add(services, typeof(Features.IdentityProviders.ListIdentityProvidersHandler));
        Add(services, typeof(Features.IdentityProviders.UpdateIdentityProviderHandler));

        Add(services, typeof(Features.LogDelivery.GetLogDeliveryConfigurationHandler));
        Add(services, typeof(Features.LogDelivery.SetLogDeliveryConfigurationHandler));

        Add(services, typeof(Features.ManagedLoginBranding.CreateManagedLoginBrandingHandler));
        Add(services, typeof(Features.ManagedLoginBranding.DeleteManagedLoginBrandingHandler));
        Add(services, typeof(Features.ManagedLoginBranding.DescribeManagedLoginBrandingByClientHandler));
        Add(services, typeof(Features.ManagedLoginBranding.DescribeManagedLoginBrandingHandler));
        Add(services, typeof(Features.ManagedLoginBranding.UpdateManagedLoginBrandingHandler));

        Add(services, typeof(Features.Mfa.AdminSetUserMFAPreferenceHandler));
        Add(services, typeof(Features.Mfa.AdminSetUserSettingsHandler));
        Add(services, typeof(Features.Mfa.AssociateSoftwareTokenHandler));
        Add(services, typeof(Features.Mfa.GetUserAuthFactorsHandler));
        Add(services, typeof(Features.Mfa.GetUserPoolMfaConfigHandler));
        Add(services, typeof(Features.Mfa.SetUserMFAPreferenceHandler));
        Add(services, typeof(Features.Mfa.SetUserPoolMfaConfigHandler));
        Add(services, typeof(Features.Mfa.SetUserSettingsHandler));
        Add(services, typeof(Features.Mfa.VerifySoftwareTokenHandler));

        Add(services, typeof(Features.ProviderLinks.AdminDisableProviderForUserHandler));
        Add(services, typeof(Features.ProviderLinks.AdminLinkProviderForUserHandler));

        Add(services, typeof(Features.ResourceServers.CreateResourceServerHandler));
        Add(services, typeof(Features.ResourceServers.DeleteResourceServerHandler));
        Add(services, typeof(Features.ResourceServers.DescribeResourceServerHandler));
        Add(services, typeof(Features.ResourceServers.ListResourceServersHandler));
        Add(services, typeof(Features.ResourceServers.UpdateResourceServerHandler));

        Add(services, typeof(Features.RiskConfiguration.DescribeRiskConfigurationHandler));
        Add(services, typeof(Features.RiskConfiguration.SetRiskConfigurationHandler));

        Add(services, typeof(Features.SigningCertificates.GetSigningCertificateHandler));

        Add(services, typeof(Features.Tags.ListTagsForResourceHandler));
        Add(services, typeof(Features.Tags.TagResourceHandler));
        Add(services, typeof(Features.Tags.UntagResourceHandler));

        Add(services, typeof(Features.Terms.CreateTermsHandler));
        Add(services, typeof(Features.Terms.DeleteTermsHandler));
        Add(services, typeof(Features.Terms.DescribeTermsHandler));
        Add(services, typeof(Features.Terms.ListTermsHandler));
        Add(services, typeof(Features.Terms.UpdateTermsHandler));

        Add(services, typeof(Features.UICustomization.GetUICustomizationHandler));
        Add(services, typeof(Features.UICustomization.SetUICustomizationHandler));

        Add(services, typeof(Features.UserImport.CreateUserImportJobHandler));
        Add(services, typeof(Features.UserImport.DescribeUserImportJobHandler));
        Add(services, typeof(Features.UserImport.GetCSVHeaderHandler));
        Add(services, typeof(Features.UserImport.ListUserImportJobsHandler));
        Add(services, typeof(Features.UserImport.StartUserImportJobHandler));
        Add(services, typeof(Features.UserImport.StopUserImportJobHandler));

        Add(services, typeof(Features.UserPoolClients.AddUserPoolClientSecretHandler));
        Add(services, typeof(Features.UserPoolClients.CreateUserPoolClientHandler));
        Add(services, typeof(Features.UserPoolClients.DeleteUserPoolClientHandler));
        Add(services, typeof(Features.UserPoolClients.DeleteUserPoolClientSecretHandler));
        Add(services, typeof(Features.UserPoolClients.DescribeUserPoolClientHandler));
        Add(services, typeof(Features.UserPoolClients.ListUserPoolClientSecretsHandler));
        Add(services, typeof(Features.UserPoolClients.ListUserPoolClientsHandler));
        Add(services, typeof(Features.UserPoolClients.UpdateUserPoolClientHandler));

        Add(services, typeof(Features.UserPools.AddCustomAttributesHandler));
        Add(services, typeof(Features.UserPools.CreateUserPoolHandler));
        Add(services, typeof(Features.UserPools.DeleteUserPoolHandler));
        Add(services, typeof(Features.UserPools.DescribeUserPoolHandler));
        Add(services, typeof(Features.UserPools.ListUserPoolsHandler));
        Add(services, typeof(Features.UserPools.UpdateUserPoolHandler));

        Add(services, typeof(Features.Users.AdminConfirmSignUpHandler));
        Add(services, typeof(Features.Users.AdminCreateUserHandler));
        Add(services, typeof(Features.Users.AdminDeleteUserAttributesHandler));
        Add(services, typeof(Features.Users.AdminDeleteUserHandler));
        Add(services, typeof(Features.Users.AdminDisableUserHandler));
        Add(services, typeof(Features.Users.AdminEnableUserHandler));
        Add(services, typeof(Features.Users.AdminGetUserHandler));
        Add(services, typeof(Features.Users.AdminResetUserPasswordHandler));
        Add(services, typeof(Features.Users.AdminSetUserPasswordHandler));
        Add(services, typeof(Features.Users.AdminUpdateUserAttributesHandler));
        Add(services, typeof(Features.Users.AdminUserGlobalSignOutHandler));
        Add(services, typeof(Features.Users.ConfirmForgotPasswordHandler));
        Add(services, typeof(Features.Users.ConfirmSignUpHandler));
        Add(services, typeof(Features.Users.DeleteUserAttributesHandler));
        Add(services, typeof(Features.Users.DeleteUserHandler));
        Add(services, typeof(Features.Users.ForgotPasswordHandler));
        Add(services, typeof(Features.Users.GetUserAttributeVerificationCodeHandler));
        Add(services, typeof(Features.Users.ListUsersHandler));
        Add(services, typeof(Features.Users.ResendConfirmationCodeHandler));
        Add(services, typeof(Features.Users.SignUpHandler));
        Add(services, typeof(Features.Users.UpdateUserAttributesHandler));
        Add(services, typeof(Features.Users.VerifyUserAttributeHandler));

        Add(services, typeof(Features.WebAuthn.CompleteWebAuthnRegistrationHandler));
        Add(services, typeof(Features.WebAuthn.DeleteWebAuthnCredentialHandler));
        Add(services, typeof(Features.WebAuthn.ListWebAuthnCredentialsHandler));
        Add(services, typeof(Features.WebAuthn.StartWebAuthnRegistrationHandler));
    }

    private static void Add(
        IServiceCollection services,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.Interfaces)] Type handler)
    {
        foreach (var service in handler.GetInterfaces())
        {
            if (service.IsGenericType && service.GetGenericTypeDefinition() == typeof(IOperationHandler<,>))
            {
                services.AddSingleton(service, handler);
            }
        }
    }
}
