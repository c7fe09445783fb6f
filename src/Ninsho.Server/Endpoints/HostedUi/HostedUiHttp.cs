using System.Security.Cryptography;
using System.Text;
using Ninsho.Core.Features.HostedUi;

namespace Ninsho.Server.Endpoints;

/// <summary>What every hosted-UI page shares on the HTTP side (docs/security-hosted-ui.md): the authorize query with
/// the browser's session cookie, the CSRF token (an HttpOnly cookie every form repeats in a field), and the headers of
/// its answers (no caching, no framing, a Content-Security-Policy whose <c>form-action</c> names where a form may go).</summary>
internal static class HostedUiHttp
{
    public const string CsrfCookie = "XSRF-TOKEN";
    public const string CsrfField = "_csrf";

    /// <summary>The request's authorize query, its domain prefix and the browser's <c>cognito</c> cookie.</summary>
    public static AuthorizeQuery Query(HttpContext http) => new()
    {
        Fields = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
        Domain = http.Request.RouteValues.TryGetValue("domain", out var domain) ? domain as string : null,
        Session = http.Request.Cookies[HostedUiSessionCookie.Name],
    };

    /// <summary><c>/domain/{prefix}</c> when the URL named a domain, else empty.</summary>
    public static string BasePath(HttpContext http) =>
        http.Request.RouteValues.TryGetValue("domain", out var domain) && domain is string d ? "/domain/" + Uri.EscapeDataString(d) : "";

    /// <summary>The browser's CSRF token, set anew when it has none; the page's form carries it in <see cref="CsrfField"/>.</summary>
    public static string CsrfToken(HttpContext http)
    {
        var token = http.Request.Cookies.TryGetValue(CsrfCookie, out var existing) && existing.Length >= 32
            ? existing
            : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        http.Response.Cookies.Append(CsrfCookie, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            Path = "/",
        });
        return token;
    }

    /// <summary>Whether the posted form repeats the browser's CSRF cookie.</summary>
    public static bool HasCsrfToken(HttpContext http, IFormCollection form)
    {
        var sent = form[CsrfField].ToString();
        return sent.Length > 0 && http.Request.Cookies.TryGetValue(CsrfCookie, out var cookie) &&
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(cookie));
    }

    /// <summary>A fresh nonce for a page's inline script (128 random bits, base64).</summary>
    public static string ScriptNonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

    public static IResult Redirect(HttpContext http, string location)
    {
        http.Response.Headers.CacheControl = "no-store";
        return Results.Redirect(location);
    }

    /// <summary>A page; <paramref name="scriptNonce"/> lets the page's own inline script run (<c>script-src 'nonce-…'</c>),
    /// nothing else.</summary>
    public static IResult Html(HttpContext http, int status, string html, string formAction, string? scriptNonce = null)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XFrameOptions = "DENY";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; " +
            (scriptNonce is null ? "" : $"script-src 'nonce-{scriptNonce}'; ") + "form-action " + formAction;
        http.Response.StatusCode = status;
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
