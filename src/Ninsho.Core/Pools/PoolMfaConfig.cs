using System.Text.Json;
using System.Text.Json.Nodes;
using Ninsho.Core.Serialization;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Pools;

/// <summary>The pool's MFA factors (SetUserPoolMfaConfig), kept in the pool's ConfigJson under <c>mfa</c> beside the
/// UserPoolType members. The SMS message and configuration themselves are the pool's SmsAuthenticationMessage and
/// SmsConfiguration, so DescribeUserPool shows them.</summary>
internal sealed record PoolMfaConfig
{
    public const string Key = "mfa";

    public bool SmsEnabled { get; init; }

    public bool SoftwareTokenEnabled { get; init; }

    /// <summary>Email MFA (EMAIL_OTP) when not null.</summary>
    public EmailMfaConfigType? Email { get; init; }

    public WebAuthnConfigurationType? WebAuthn { get; init; }

    public bool AnyFactor => SmsEnabled || SoftwareTokenEnabled || Email is not null;

    /// <summary>The stored factors; a pool created with MFA on and an SmsConfiguration has SMS MFA.</summary>
    public static PoolMfaConfig Read(string configJson, UserPoolType config)
    {
        if (JsonNode.Parse(configJson) is JsonObject root && root[Key] is JsonObject stored)
        {
            return stored.Deserialize(CoreJsonContext.Default.PoolMfaConfig) ?? new PoolMfaConfig();
        }

        return new PoolMfaConfig
        {
            SmsEnabled = config.MfaConfiguration is not (null or UserPoolMfaType.OFF) && config.SmsConfiguration is not null,
        };
    }

    /// <summary><paramref name="configJson"/> with this configuration under <c>mfa</c>.</summary>
    public string WriteInto(string configJson)
    {
        var root = JsonNode.Parse(configJson) as JsonObject ?? [];
        root[Key] = JsonSerializer.SerializeToNode(this, CoreJsonContext.Default.PoolMfaConfig);
        return root.ToJsonString();
    }

    /// <summary>The factor names a user can be challenged with, in Cognito's order.</summary>
    public IEnumerable<string> Factors()
    {
        if (SmsEnabled)
        {
            yield return ChallengeNameType.SMS_MFA;
        }

        if (SoftwareTokenEnabled)
        {
            yield return ChallengeNameType.SOFTWARE_TOKEN_MFA;
        }

        if (Email is not null)
        {
            yield return ChallengeNameType.EMAIL_OTP;
        }
    }
}
