using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Mfa;

/// <summary>GetUserPoolMfaConfig.</summary>
internal sealed class GetUserPoolMfaConfigHandler(UserPoolService pools)
    : IOperationHandler<GetUserPoolMfaConfigRequest, GetUserPoolMfaConfigResponse>
{
    public async Task<GetUserPoolMfaConfigResponse> HandleAsync(GetUserPoolMfaConfigRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        return Describe(pool.MfaMode, pool.Mfa, pool.Config);
    }

    /// <summary>The configuration as Get and Set return it: SoftwareTokenMfaConfiguration always, SMS and email
    /// only when on.</summary>
    public static GetUserPoolMfaConfigResponse Describe(string mode, PoolMfaConfig mfa, UserPoolType config) => new()
    {
        MfaConfiguration = mode,
        SoftwareTokenMfaConfiguration = new SoftwareTokenMfaConfigType { Enabled = mfa.SoftwareTokenEnabled },
        SmsMfaConfiguration = mfa.SmsEnabled
            ? new SmsMfaConfigType { SmsAuthenticationMessage = config.SmsAuthenticationMessage, SmsConfiguration = config.SmsConfiguration }
            : null,
        EmailMfaConfiguration = mfa.Email,
        WebAuthnConfiguration = mfa.WebAuthn,
    };
}
