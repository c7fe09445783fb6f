using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Pools;

/// <summary>A stored pool with its parsed configuration, and the rules other features read from it.</summary>
internal sealed record UserPoolSettings(StoredUserPool Stored, UserPoolType Config)
{
    public string Id => Stored.Id;

    /// <summary>The MFA factors the pool allows (SetUserPoolMfaConfig), stored beside the configuration.</summary>
    public PoolMfaConfig Mfa { get; } = PoolMfaConfig.Read(Stored.ConfigJson, Config);

    /// <summary>OFF, ON or OPTIONAL.</summary>
    public string MfaMode => Config.MfaConfiguration ?? UserPoolMfaType.OFF;

    /// <summary>Username matching; true unless the pool was created with CaseSensitive false (docs/cognito-behaviour.md#username-case-sensitivity).</summary>
    public bool CaseSensitive => Config.UsernameConfiguration?.CaseSensitive ?? true;

    public IReadOnlyList<string> UsernameAttributes => Config.UsernameAttributes ?? [];

    public IReadOnlyList<string> AliasAttributes => Config.AliasAttributes ?? [];

    public PasswordPolicyType PasswordPolicy => Config.Policies?.PasswordPolicy ?? UserPoolDefaults.PasswordPolicy;

    public IReadOnlyList<SchemaAttributeType> Schema => Config.SchemaAttributes ?? StandardSchema.Attributes;

    /// <summary>The ConfigJson to store for a changed <paramref name="config"/>: what the feature changed, with what
    /// is kept beside the UserPoolType members (the MFA factors) carried over.</summary>
    public string ConfigJsonWith(UserPoolType config) => Mfa.WriteInto(UserPoolService.Serialize(config));

    /// <summary>The key a username is stored and looked up under.</summary>
    public string UsernameKey(string username) => CaseSensitive ? username : username.ToLowerInvariant();
}
