using Ninsho.Core.Features.HostedUi;

namespace Ninsho.Server.Endpoints;

/// <summary>Writes the hosted UI's session cookie, <c>cognito</c> (its value is sealed by
/// the core's HostedUiSessions): <c>HttpOnly</c>, <c>Secure</c> when the request came over https, <c>SameSite=Lax</c>
/// (top-level navigations from the app's site, such as the redirect to <c>/oauth2/authorize</c>, carry it; Cognito
/// documents no attributes, docs/hosted-ui-and-oauth.md#the-sign-in-session), <c>Path=/</c> and an hour's
/// <c>Max-Age</c>, as long as the session.</summary>
internal static class HostedUiSessionCookie
{
    public const string Name = HostedUiSessionCookies.Name;

    /// <summary>Sets the cookie to <paramref name="value"/>; null leaves it as it is.</summary>
    public static void Set(HttpContext http, string? value)
    {
        if (value is not null)
        {
            http.Response.Cookies.Append(Name, value, Options(http, HostedUiSessionCookies.Lifetime));
        }
    }

    /// <summary>Sets the cookie to <paramref name="value"/>; null deletes it.</summary>
    public static void Replace(HttpContext http, string? value)
    {
        if (value is not null)
        {
            Set(http, value);
        }
        else if (http.Request.Cookies.ContainsKey(Name))
        {
            http.Response.Cookies.Delete(Name, Options(http, maxAge: null));
        }
    }

    private static CookieOptions Options(HttpContext http, TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        Secure = http.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        MaxAge = maxAge,
    };
}
