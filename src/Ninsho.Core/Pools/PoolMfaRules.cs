using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Pools;

/// <summary>Cognito's rules for a pool's MFA mode and factors, shared by SetUserPoolMfaConfig and UpdateUserPool.</summary>
internal static class PoolMfaRules
{
    /// <summary>Checks a mode against the factors: OFF with a factor, or ON/OPTIONAL with none, is refused.</summary>
    public static void Check(string mode, PoolMfaConfig mfa)
    {
        if (mode == UserPoolMfaType.OFF && mfa.AnyFactor)
        {
            throw CognitoErrors.MfaOffWithFactor();
        }

        if (mode != UserPoolMfaType.OFF && !mfa.AnyFactor)
        {
            throw CognitoErrors.MfaWithoutFactor();
        }
    }

    /// <summary>The factors after UpdateUserPool: none when MFA is turned off; SMS MFA on when the update turns MFA
    /// on with an SmsConfiguration (the only factor UpdateUserPool can name).</summary>
    public static PoolMfaConfig AfterUpdate(PoolMfaConfig current, UserPoolType config)
    {
        var mode = config.MfaConfiguration ?? UserPoolMfaType.OFF;
        if (mode == UserPoolMfaType.OFF)
        {
            return new PoolMfaConfig { WebAuthn = current.WebAuthn };
        }

        var mfa = current with { SmsEnabled = current.SmsEnabled || config.SmsConfiguration is not null };
        Check(mode, mfa);
        return mfa;
    }
}
