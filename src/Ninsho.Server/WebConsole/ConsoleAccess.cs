using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Ninsho.Server.Hosting;
using Ninsho.Storage;

namespace Ninsho.Server.WebConsole;

/// <summary>Who may open the console, and the answer headers every console page carries (docs/console.md). The
/// console is an operator route: the same rules as the rest of <c>/_ninsho/</c> (<see cref="OperatorAccess"/>:
/// loopback callers naming this machine, or a credential once one is configured), plus a browser login: with
/// <c>--admin-token</c> set, the login form takes the token and sets an HttpOnly, SameSite=Strict cookie a browser
/// sends back (a browser cannot send <c>Authorization: Bearer</c> on a link). Never served under a pool's custom
/// domain (a Host a pool's domain names), whose pages belong to the hosted UI.</summary>
internal sealed class ConsoleAccess
{
    public const string CookieName = "ninsho-console";
    private static readonly TimeSpan LoginLifetime = TimeSpan.FromHours(12);

    private readonly NinshoServerOptions _options;
    private readonly OperatorAccess _operator;
    private readonly ITimeLimitedDataProtector _login;
    private readonly byte[]? _adminTokenHash;
    private readonly INinshoStorage _storage;

    public ConsoleAccess(NinshoServerOptions options, ServerClock clock, IDataProtectionProvider protection, INinshoStorage storage)
    {
        _options = options;
        _operator = new OperatorAccess(options, clock.Real);
        _login = protection.CreateProtector("ninsho-console-login").ToTimeLimitedDataProtector();
        _adminTokenHash = options.AdminToken is { } token ? SHA256.HashData(Encoding.UTF8.GetBytes(token)) : null;
        _storage = storage;
    }

    /// <summary>Whether the browser login is offered: a credential is needed and an admin token can be typed.</summary>
    public bool LoginOffered => _options.OperatorRoutesNeedCredential && _adminTokenHash is not null;

    /// <summary>What to do with a request for a console page.</summary>
    public async Task<ConsoleVerdict> CheckAsync(HttpContext http, CancellationToken ct)
    {
        if (await IsHostedUiHostAsync(http.Request.Host, ct))
        {
            return ConsoleVerdict.NotHere;
        }

        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && OperatorAccess.CrossOrigin(http.Request))
        {
            return ConsoleVerdict.Refused("The console refuses forms and requests that a page of another origin sends.");
        }

        // Loopback callers (when no credential is configured), Authorization: Bearer, SigV4.
        var refusal = _operator.Refusal(http);
        if (refusal is null)
        {
            return ConsoleVerdict.Allowed;
        }

        if (LoginOffered && SignedIn(http))
        {
            return ConsoleVerdict.Allowed;
        }

        return LoginOffered ? ConsoleVerdict.NeedsLogin : ConsoleVerdict.Refused(refusal);
    }

    /// <summary>The cookie of a browser that typed the admin token, still within its lifetime.</summary>
    private bool SignedIn(HttpContext http)
    {
        if (http.Request.Cookies[CookieName] is not { Length: > 0 } cookie)
        {
            return false;
        }

        try
        {
            return _login.Unprotect(cookie, out _) == "operator";
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Checks a typed admin token (both sides hashed, compared in fixed time) and sets the login cookie.</summary>
    public bool TryLogin(HttpContext http, string typed)
    {
        if (_adminTokenHash is null
            || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(typed.Trim())), _adminTokenHash))
        {
            return false;
        }

        http.Response.Cookies.Append(CookieName, _login.Protect("operator", LoginLifetime), Cookie(http));
        return true;
    }

    public static void Logout(HttpContext http) => http.Response.Cookies.Delete(CookieName, Cookie(http));

    private static CookieOptions Cookie(HttpContext http) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = ConsoleEndpoints.BasePath,
        IsEssential = true,
    };

    /// <summary>A Host that one of the pools' custom domains names: the hosted UI's, never the console's.</summary>
    private async Task<bool> IsHostedUiHostAsync(HostString host, CancellationToken ct)
    {
        var name = host.Host.Trim('[', ']');
        return name.Contains('.', StringComparison.Ordinal)
            && !System.Net.IPAddress.TryParse(name, out _)
            && await _storage.Domains.FindAsync(name.ToLowerInvariant(), ct) is not null;
    }

    /// <summary>The headers of every console answer: a nonce-only Content-Security-Policy (no inline script or style
    /// without the page's nonce, nothing from elsewhere, forms only to this origin, no framing) and no caching.</summary>
    public static void SecureHeaders(HttpContext http, string nonce)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = $"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        // Not no-referrer: Chromium then sends "Origin: null" with the forms, which the cross-origin check refuses.
        headers["Referrer-Policy"] = "same-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers.CacheControl = "no-store";
    }
}
