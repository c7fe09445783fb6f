using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Mfa;

/// <summary>SetUserPoolMfaConfig: the factors named in the request replace the pool's; a factor left out is off.
/// MfaConfiguration left out keeps the pool's mode.</summary>
internal sealed class SetUserPoolMfaConfigHandler(INinshoStorage storage, UserPoolService pools, TimeProvider clock)
    : IOperationHandler<SetUserPoolMfaConfigRequest, SetUserPoolMfaConfigResponse>
{
    public async Task<SetUserPoolMfaConfigResponse> HandleAsync(SetUserPoolMfaConfigRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        var mode = request.MfaConfiguration ?? pool.MfaMode;
        var mfa = new PoolMfaConfig
        {
            SmsEnabled = request.SmsMfaConfiguration is not null,
            SoftwareTokenEnabled = request.SoftwareTokenMfaConfiguration?.Enabled == true,
            Email = request.EmailMfaConfiguration,
            WebAuthn = request.WebAuthnConfiguration ?? pool.Mfa.WebAuthn,
        };
        PoolMfaRules.Check(mode, mfa);
        var sms = request.SmsMfaConfiguration;
        var config = pool.Config with
        {
            MfaConfiguration = mode,
            SmsAuthenticationMessage = sms is null ? pool.Config.SmsAuthenticationMessage : sms.SmsAuthenticationMessage,
            SmsConfiguration = sms?.SmsConfiguration ?? pool.Config.SmsConfiguration,
        };
        var updated = pool.Stored with
        {
            ModifiedAt = clock.GetUtcNow(),
            ConfigJson = mfa.WriteInto(UserPoolService.Serialize(config)),
        };
        switch (await storage.UserPools.UpdateAsync(updated, ct))
        {
            case UpdateResult.Updated:
                var d = GetUserPoolMfaConfigHandler.Describe(mode, mfa, config);
                return new SetUserPoolMfaConfigResponse
                {
                    MfaConfiguration = d.MfaConfiguration,
                    SmsMfaConfiguration = d.SmsMfaConfiguration,
                    SoftwareTokenMfaConfiguration = d.SoftwareTokenMfaConfiguration,
                    EmailMfaConfiguration = d.EmailMfaConfiguration,
                    WebAuthnConfiguration = d.WebAuthnConfiguration,
                };
            case UpdateResult.NotFound:
                throw CognitoErrors.UserPoolNotFound(request.UserPoolId);
            default:
                throw CognitoErrors.ConcurrentModification();
        }
    }
}
