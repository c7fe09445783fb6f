using System.Collections.Frozen;

namespace Ninsho.Server.Quotas;

/// <summary>
/// Cognito's default API request-rate quotas as AWS documents them, the one table <c>--quotas cognito</c> enforces:
/// every operation of both models, with its quota or marked <see cref="Unthrottled"/> where AWS lists none. Source and
/// the choices made: docs/compatibility-quotas.md. <c>RequestQuotaTableTests</c> fails when a model operation is
/// missing here.
/// </summary>
internal static class CognitoQuotaTable
{
    /// <summary>The page the numbers and the operation lists come from.</summary>
    public const string Source = "https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html";

    /// <summary>The cap on one operation in one user pool, for the categories marked with it.</summary>
    public const int PerPoolOperationPerSecond = 5;

    /// <summary>RespondToAuthChallenge and AdminRespondToAuthChallenge first draw on an allowance of this many times
    /// the UserAuthentication quota; beyond it they count toward UserAuthentication.</summary>
    public const int ChallengeResponseFactor = 3;

    /// <summary>The challenge whose responses count toward UserAccountRecovery instead of UserAuthentication.</summary>
    public const string NewPasswordChallenge = "NEW_PASSWORD_REQUIRED";

    /// <summary>Marks an operation AWS lists in no category: never throttled.</summary>
    public static readonly QuotaCategory? Unthrottled;

    // User pools (#category_operations): each category's quota is shared by all pools of the account and Region.
    public static readonly QuotaCategory UserAuthentication = new("UserAuthentication", 120);
    public static readonly QuotaCategory UserCreation = new("UserCreation", 50);
    public static readonly QuotaCategory UserAccountRecovery = new("UserAccountRecovery", 30);
    public static readonly QuotaCategory UserRead = new("UserRead", 120);
    public static readonly QuotaCategory UserUpdate = new("UserUpdate", 25);
    public static readonly QuotaCategory UserToken = new("UserToken", 120);
    public static readonly QuotaCategory UserResourceRead = new("UserResourceRead", 50);
    public static readonly QuotaCategory UserResourceUpdate = new("UserResourceUpdate", 25);
    public static readonly QuotaCategory UserList = new("UserList", 30);
    public static readonly QuotaCategory UserPoolRead = new("UserPoolRead", 15);
    public static readonly QuotaCategory UserPoolUpdate = new("UserPoolUpdate", 15);
    public static readonly QuotaCategory UserPoolResourceRead = new("UserPoolResourceRead", 20, CapsEachOperationPerPool: true);
    public static readonly QuotaCategory UserPoolResourceUpdate = new("UserPoolResourceUpdate", 15, CapsEachOperationPerPool: true);
    public static readonly QuotaCategory UserPoolClientRead = new("UserPoolClientRead", 15, CapsEachOperationPerPool: true);
    public static readonly QuotaCategory UserPoolClientUpdate = new("UserPoolClientUpdate", 15, CapsEachOperationPerPool: true);

    /// <summary>cognito-idp operation → its category, in the page's order.</summary>
    public static readonly FrozenDictionary<string, QuotaCategory?> UserPoolOperations = new Dictionary<string, QuotaCategory?>
    {
        ["InitiateAuth"] = UserAuthentication,
        ["RespondToAuthChallenge"] = UserAuthentication,
        ["AdminInitiateAuth"] = UserAuthentication,
        ["AdminRespondToAuthChallenge"] = UserAuthentication,
        ["GetTokensFromRefreshToken"] = UserAuthentication,

        ["SignUp"] = UserCreation,
        ["ConfirmSignUp"] = UserCreation,
        ["AdminCreateUser"] = UserCreation,
        ["AdminConfirmSignUp"] = UserCreation,

        ["ChangePassword"] = UserAccountRecovery,
        ["ConfirmForgotPassword"] = UserAccountRecovery,
        ["ForgotPassword"] = UserAccountRecovery,
        ["AdminResetUserPassword"] = UserAccountRecovery,
        ["AdminSetUserPassword"] = UserAccountRecovery,

        ["AdminGetUser"] = UserRead,
        ["GetUser"] = UserRead,

        ["AdminAddUserToGroup"] = UserUpdate,
        ["AdminDeleteUserAttributes"] = UserUpdate,
        ["AdminUpdateUserAttributes"] = UserUpdate,
        ["AdminDeleteUser"] = UserUpdate,
        ["AdminDisableUser"] = UserUpdate,
        ["AdminEnableUser"] = UserUpdate,
        ["AdminLinkProviderForUser"] = UserUpdate,
        ["AdminDisableProviderForUser"] = UserUpdate,
        ["VerifyUserAttribute"] = UserUpdate,
        ["DeleteUser"] = UserUpdate,
        ["DeleteUserAttributes"] = UserUpdate,
        ["UpdateUserAttributes"] = UserUpdate,
        ["AdminUserGlobalSignOut"] = UserUpdate,
        ["GlobalSignOut"] = UserUpdate,
        ["AdminRemoveUserFromGroup"] = UserUpdate,

        ["RevokeToken"] = UserToken,

        ["AdminGetDevice"] = UserResourceRead,
        ["AdminListGroupsForUser"] = UserResourceRead,
        ["AdminListDevices"] = UserResourceRead,
        ["GetDevice"] = UserResourceRead,
        ["ListDevices"] = UserResourceRead,
        ["GetUserAttributeVerificationCode"] = UserResourceRead,
        ["ResendConfirmationCode"] = UserResourceRead,
        ["AdminListUserAuthEvents"] = UserResourceRead,

        ["AdminForgetDevice"] = UserResourceUpdate,
        ["AdminUpdateAuthEventFeedback"] = UserResourceUpdate,
        ["AdminSetUserMFAPreference"] = UserResourceUpdate,
        ["AdminSetUserSettings"] = UserResourceUpdate,
        ["AdminUpdateDeviceStatus"] = UserResourceUpdate,
        ["UpdateDeviceStatus"] = UserResourceUpdate,
        ["UpdateAuthEventFeedback"] = UserResourceUpdate,
        ["ConfirmDevice"] = UserResourceUpdate,
        ["SetUserMFAPreference"] = UserResourceUpdate,
        ["SetUserSettings"] = UserResourceUpdate,
        ["VerifySoftwareToken"] = UserResourceUpdate,
        ["AssociateSoftwareToken"] = UserResourceUpdate,
        ["ForgetDevice"] = UserResourceUpdate,

        ["ListUsers"] = UserList,
        ["ListUsersInGroup"] = UserList,

        ["DescribeUserPool"] = UserPoolRead,
        ["ListUserPools"] = UserPoolRead,

        ["CreateUserPool"] = UserPoolUpdate,
        ["UpdateUserPool"] = UserPoolUpdate,
        ["DeleteUserPool"] = UserPoolUpdate,

        ["DescribeIdentityProvider"] = UserPoolResourceRead,
        ["DescribeResourceServer"] = UserPoolResourceRead,
        ["DescribeUserImportJob"] = UserPoolResourceRead,
        ["DescribeUserPoolDomain"] = UserPoolResourceRead,
        ["GetCSVHeader"] = UserPoolResourceRead,
        ["GetGroup"] = UserPoolResourceRead,
        ["GetSigningCertificate"] = UserPoolResourceRead,
        ["GetIdentityProviderByIdentifier"] = UserPoolResourceRead,
        ["GetUserPoolMfaConfig"] = UserPoolResourceRead,
        ["ListGroups"] = UserPoolResourceRead,
        ["ListIdentityProviders"] = UserPoolResourceRead,
        ["ListResourceServers"] = UserPoolResourceRead,
        ["ListTagsForResource"] = UserPoolResourceRead,
        ["ListUserImportJobs"] = UserPoolResourceRead,
        ["DescribeRiskConfiguration"] = UserPoolResourceRead,
        ["GetUICustomization"] = UserPoolResourceRead,
        ["DescribeManagedLoginBranding"] = UserPoolResourceRead,
        ["DescribeManagedLoginBrandingByClient"] = UserPoolResourceRead,

        ["AddCustomAttributes"] = UserPoolResourceUpdate,
        ["CreateGroup"] = UserPoolResourceUpdate,
        ["CreateIdentityProvider"] = UserPoolResourceUpdate,
        ["CreateResourceServer"] = UserPoolResourceUpdate,
        ["CreateUserImportJob"] = UserPoolResourceUpdate,
        ["CreateUserPoolDomain"] = UserPoolResourceUpdate,
        ["DeleteGroup"] = UserPoolResourceUpdate,
        ["DeleteIdentityProvider"] = UserPoolResourceUpdate,
        ["DeleteResourceServer"] = UserPoolResourceUpdate,
        ["DeleteUserPoolDomain"] = UserPoolResourceUpdate,
        ["SetUserPoolMfaConfig"] = UserPoolResourceUpdate,
        ["StartUserImportJob"] = UserPoolResourceUpdate,
        ["StopUserImportJob"] = UserPoolResourceUpdate,
        ["UpdateGroup"] = UserPoolResourceUpdate,
        ["UpdateIdentityProvider"] = UserPoolResourceUpdate,
        ["UpdateResourceServer"] = UserPoolResourceUpdate,
        ["UpdateUserPoolDomain"] = UserPoolResourceUpdate,
        ["SetRiskConfiguration"] = UserPoolResourceUpdate,
        ["SetUICustomization"] = UserPoolResourceUpdate,
        ["TagResource"] = UserPoolResourceUpdate,
        ["UntagResource"] = UserPoolResourceUpdate,
        ["CreateManagedLoginBranding"] = UserPoolResourceUpdate,
        ["UpdateManagedLoginBranding"] = UserPoolResourceUpdate,
        ["DeleteManagedLoginBranding"] = UserPoolResourceUpdate,

        ["DescribeUserPoolClient"] = UserPoolClientRead,
        ["ListUserPoolClients"] = UserPoolClientRead,

        ["CreateUserPoolClient"] = UserPoolClientUpdate,
        ["DeleteUserPoolClient"] = UserPoolClientUpdate,
        ["UpdateUserPoolClient"] = UserPoolClientUpdate,

        // In the model, in no category of the page: newer operations (terms, client secrets, passkeys, log delivery,
        // the user's own auth factors). Not guessed into a category.
        ["AddUserPoolClientSecret"] = Unthrottled,
        ["CompleteWebAuthnRegistration"] = Unthrottled,
        ["CreateTerms"] = Unthrottled,
        ["DeleteTerms"] = Unthrottled,
        ["DeleteUserPoolClientSecret"] = Unthrottled,
        ["DeleteWebAuthnCredential"] = Unthrottled,
        ["DescribeTerms"] = Unthrottled,
        ["GetLogDeliveryConfiguration"] = Unthrottled,
        ["GetUserAuthFactors"] = Unthrottled,
        ["ListTerms"] = Unthrottled,
        ["ListUserPoolClientSecrets"] = Unthrottled,
        ["ListWebAuthnCredentials"] = Unthrottled,
        ["SetLogDeliveryConfiguration"] = Unthrottled,
        ["StartWebAuthnRegistration"] = Unthrottled,
        ["UpdateTerms"] = Unthrottled,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>cognito-identity operation → its own quota
    /// (#amazon-cognito-identity-pools-federated-identities-request-rate-quotas): identity pools have no categories,
    /// each listed operation has a quota of its own, shared by all identity pools of the account and Region.</summary>
    public static readonly FrozenDictionary<string, QuotaCategory?> IdentityPoolOperations = new Dictionary<string, QuotaCategory?>
    {
        ["GetId"] = new("GetId", 25),
        ["GetOpenIdToken"] = new("GetOpenIdToken", 200),
        ["GetCredentialsForIdentity"] = new("GetCredentialsForIdentity", 200),
        ["GetOpenIdTokenForDeveloperIdentity"] = new("GetOpenIdTokenForDeveloperIdentity", 50),
        ["ListIdentities"] = new("ListIdentities", 5),
        ["DeleteIdentities"] = new("DeleteIdentities", 10),
        ["TagResource"] = new("TagResource", 5),
        ["UntagResource"] = new("UntagResource", 5),
        ["ListTagsForResource"] = new("ListTagsForResource", 10),

        // No quota listed for these.
        ["CreateIdentityPool"] = Unthrottled,
        ["DeleteIdentityPool"] = Unthrottled,
        ["DescribeIdentity"] = Unthrottled,
        ["DescribeIdentityPool"] = Unthrottled,
        ["GetIdentityPoolRoles"] = Unthrottled,
        ["GetPrincipalTagAttributeMap"] = Unthrottled,
        ["ListIdentityPools"] = Unthrottled,
        ["LookupDeveloperIdentity"] = Unthrottled,
        ["MergeDeveloperIdentities"] = Unthrottled,
        ["SetIdentityPoolRoles"] = Unthrottled,
        ["SetPrincipalTagAttributeMap"] = Unthrottled,
        ["UnlinkDeveloperIdentity"] = Unthrottled,
        ["UnlinkIdentity"] = Unthrottled,
        ["UpdateIdentityPool"] = Unthrottled,
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
