namespace Ninsho.Core.Features.HostedUi;

/// <summary>The browser side of the hosted UI's sign-in session (<see cref="HostedUiSessions"/>): the cookie's name
/// and lifetime, as Cognito's (docs/hosted-ui-and-oauth.md#the-sign-in-session).</summary>
public static class HostedUiSessionCookies
{
    /// <summary>Cognito's session cookie is named <c>cognito</c>.</summary>
    public const string Name = "cognito";

    /// <summary>Cognito's session lasts an hour, and reusing it starts the hour again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
}
