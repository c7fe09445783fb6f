namespace Ninsho.Core.Security;

/// <summary>A pool's password policy, with Cognito's defaults for a pool created without one.</summary>
internal sealed record PasswordPolicyRules
{
    public static PasswordPolicyRules Default { get; } = new();

    public int MinimumLength { get; init; } = 8;
    public bool RequireUppercase { get; init; } = true;
    public bool RequireLowercase { get; init; } = true;
    public bool RequireNumbers { get; init; } = true;
    public bool RequireSymbols { get; init; } = true;

    /// <summary>How long a temporary password from AdminCreateUser stays usable.</summary>
    public int TemporaryPasswordValidityDays { get; init; } = 7;
}
