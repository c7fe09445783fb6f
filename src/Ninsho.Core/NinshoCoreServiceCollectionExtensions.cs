using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Ninsho.Core.Features.HostedUi;
using Ninsho.Core.Features.IdentityPools;
using Ninsho.Core.Features.IdentityProviders;
using Ninsho.Core.Features.Maintenance;
using Ninsho.Core.Features.ManagedLoginBranding;
using Ninsho.Core.Features.OAuth;
using Ninsho.Core.Features.ProviderLinks;
using Ninsho.Core.Features.Tags;
using Ninsho.Core.Features.Terms;
using Ninsho.Core.Features.UICustomization;
using Ninsho.Core.Features.UserImport;
using Ninsho.Core.Features.WellKnown;
using Ninsho.Core.Messages;
using Ninsho.Core.Pools;
using Ninsho.Core.Security;
using Ninsho.Core.Security.Kms;
using Ninsho.Core.SignIn;
using Ninsho.Core.Tokens;
using Ninsho.Core.Triggers;
using Ninsho.Core.Users;

namespace Ninsho.Core;

/// <summary>Registers the Cognito logic: every operation handler of this assembly and the feature services.</summary>
public static class NinshoCoreServiceCollectionExtensions
{
    /// <summary>Adds Ninsho.Core. The host must also register an <c>INinshoStorage</c> and an <see cref="IIssuerUrls"/>.</summary>
    public static IServiceCollection AddNinshoCore(this IServiceCollection services, NinshoCoreOptions options)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(new PasswordHasherOptions { Iterations = options.PasswordHashIterations, MaxQueued = options.PasswordHashQueue });
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<IdGenerator>();
        services.AddSingleton<UserPoolService>();
        services.AddSingleton<SealingKeys>();
        services.AddSingleton<ClientSecretSealer>();
        services.AddSingleton<IKeyRotation, KeyRotation>();
        services.AddSingleton<UserPoolClientService>();
        services.AddSingleton<ClientSecretRotation>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<UserUpdater>();
        services.AddSingleton<UserPasswords>();
        services.AddSingleton<IdentityPoolService>();
        services.AddSingleton<LoginVerifier>();
        services.AddSingleton<UserPoolProviderNames>();
        services.AddSingleton<IdentityAccess>();
        services.AddSingleton<IdentityRoleResolver>();
        services.AddSingleton<IdentityOpenIdTokens>();
        services.AddSingleton<IdentityPoolTags>();
        AddCredentialSource(services, options);

        services.AddSingleton<AliasClaims>();
        services.AddSingleton<GroupService>();
        services.AddSingleton<IdentityProviderService>();
        services.AddSingleton<UICustomizationService>();
        services.AddSingleton<IUICustomizationImages>(static sp => sp.GetRequiredService<UICustomizationService>());
        services.AddSingleton<PoolResourceClaims>();
        services.AddSingleton<TermsService>();
        services.AddSingleton<ManagedLoginBrandingService>();
        services.AddSingleton<ProviderLinkService>();
        services.AddSingleton<PoolTags>();
        services.AddSingleton<AuthSessions>();
        services.AddSingleton<PoolSigningKeys>();
        services.AddSingleton<SigningKeyCache>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<AccessTokenValidator>();
        services.TryAddSingleton(new PoolLogExport(enabled: false));
        services.AddSingleton<Features.LogDelivery.PoolLogTargets>();
        services.AddSingleton<AuthEventRecorder>();
        services.AddSingleton<SignInTokens>();
        services.AddSingleton<SealedRefreshTokens>();
        services.AddSingleton(static sp => new Features.TestControl.TestControlService(
            sp.GetRequiredService<Storage.INinshoStorage>(), sp.GetRequiredService<UserPoolService>(), sp.GetRequiredService<UserPoolClientService>(),
            sp.GetRequiredService<UserDirectory>(), sp.GetRequiredService<UserUpdater>(), sp.GetRequiredService<SignInTokens>()));
        services.AddSingleton<PasswordSignIn>();
        services.AddSingleton<SrpAnswers>();
        services.AddSingleton<SignInLockout>();
        services.AddSingleton<SignInCompletion>();
        services.AddSingleton<NewPasswordChallenge>();
        services.AddSingleton<RefreshTokenSignIn>();
        services.AddSingleton<SignInFlows>();
        services.AddSingleton<ChallengeResponder>();
        AddSrpAndDevices(services);
        AddPasskeys(services);
        services.AddSingleton<AccessTokenAuthenticator>();
        services.AddSingleton<IWellKnownDocuments, WellKnownDocuments>();
        services.AddSingleton<OAuthScopes>();
        services.AddSingleton<OAuthClientSettings>();
        services.AddSingleton<ClientCredentialsGrant>();
        services.AddSingleton<RefreshTokenGrant>();
        services.AddSingleton<IOAuthTokenEndpoint, OAuthTokenEndpoint>();
        services.AddSingleton<AuthorizeRules>();
        services.AddSingleton<AuthorizationCodes>();
        services.AddSingleton<AuthorizationCodeGrant>();
        services.AddSingleton<HostedUiSessions>();
        services.AddSingleton<HostedUiCompletion>();
        services.AddSingleton<IHostedUi, HostedUiFlows>();
        services.AddSingleton<HostedUiPageFlows>();
        services.AddSingleton<ManagedLoginPageStyle>();
        services.AddSingleton<IHostedUiPages>(static sp => sp.GetRequiredService<HostedUiPageFlows>());
        Features.Federation.FederationServices.Add(services);
        services.TryAddSingleton<IMessageSender, OutboxMessageSender>();
        services.AddSingleton<OneTimeCodes>();
        services.AddSingleton<CodeDelivery>();
        services.AddSingleton<UserCodes>();
        services.AddSingleton<ClientRequests>();
        services.AddSingleton<TotpCheck>();
        services.AddSingleton<ChallengeCodes>();
        services.AddSingleton<MfaSessions>();
        services.AddSingleton<MfaChallenges>();
        services.AddSingleton<MfaResponder>();
        services.AddSingleton<MfaPreferences>();
        services.AddSingleton<SoftwareTokenSubject>();
        services.AddSingleton<UserAuthSignIn>();
        services.AddSingleton<ImportUploadUrls>();
        services.AddSingleton<UserImportJobs>();
        services.AddSingleton<UserImportRunner>();
        services.AddSingleton(static sp => new UserImportUploads(
            sp.GetRequiredService<Storage.INinshoStorage>(), sp.GetRequiredService<ImportUploadUrls>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<UserImportWorker>();
        services.AddHostedService(static sp => sp.GetRequiredService<UserImportWorker>());
        services.AddSingleton<ExpiredRowSweeper>();
        AddTriggers(services);
        services.AddHostedService(static sp => sp.GetRequiredService<ExpiredRowSweeper>());
        OperationHandlers.Add(services);

        return services;
    }

    /// <summary>Every (IOperationHandler&lt;,&gt;, handler class) pair that <see cref="OperationHandlers"/> registers.</summary>
    internal static IEnumerable<(Type Service, Type Implementation)> HandlerTypes()
    {
        var services = new ServiceCollection();
        OperationHandlers.Add(services);
        return services.Select(static d => (d.ServiceType, d.ImplementationType!));
    }

    /// <summary>GetCredentialsForIdentity's credentials: from the STS of <see cref="NinshoCoreOptions.StsEndpoint"/>
    /// when set, else local look-alikes.</summary>
    private static void AddCredentialSource(IServiceCollection services, NinshoCoreOptions options)
    {
        if (options.StsEndpoint is { } sts)
        {
            services.AddSingleton(sp => new StsWebIdentityClient(sts, sp.GetRequiredService<ILogger<StsWebIdentityClient>>()));
            services.AddSingleton<IAwsCredentialSource, StsWebIdentityCredentials>();
        }
        else
        {
            services.AddSingleton<IAwsCredentialSource, LocalAwsCredentials>();
        }
    }

    /// <summary>Lambda triggers (docs/triggers.md): a named HttpClient from IHttpClientFactory (taken per call, as a singleton
    /// must) whose calls the service
    /// bounds to Cognito's 5 seconds itself.</summary>
    private static void AddTriggers(IServiceCollection services)
    {
        services.AddHttpClient(TriggerHttpClient.ClientName, http =>
        {
            http.Timeout = Timeout.InfiniteTimeSpan;
            http.MaxResponseContentBufferSize = TriggerHttpClient.MaxResponseBytes;
        }).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<TriggerHttpClient>();
        services.AddSingleton<LambdaTriggers>();
        services.AddSingleton<LocalKms>();
        services.AddSingleton<CustomSenders>();
        services.AddSingleton<UserMigration>();
    }

    /// <summary>Passkeys: WebAuthn registration and the WEB_AUTHN challenge of USER_AUTH.</summary>
    private static void AddPasskeys(IServiceCollection services)
    {
        services.AddSingleton<PasskeyRegistration>();
        services.AddSingleton<PasskeySignIn>();
    }

    /// <summary>USER_SRP_AUTH and device tracking (issue 3, SRP part).</summary>
    private static void AddSrpAndDevices(IServiceCollection services)
    {
        services.AddSingleton<SrpSecretBlocks>();
        services.AddSingleton<SrpDecoys>();
        services.AddSingleton<SrpSignIn>();
        services.AddSingleton<CustomAuthSignIn>();
        services.AddSingleton<DeviceService>();
        services.AddSingleton<DeviceSignIn>();
        services.AddSingleton<DeviceSrpChallenge>();
    }
}
