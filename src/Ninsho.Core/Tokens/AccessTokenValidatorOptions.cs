namespace Ninsho.Core.Tokens;

internal sealed class AccessTokenValidatorOptions
{
    /// <summary>How long after <c>exp</c> a token is still accepted. Cognito allows none.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.Zero;
}
