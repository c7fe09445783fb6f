using System.Text.Json;
using Ninsho.Core.Features.Federation;
using Ninsho.Core.Features.HostedUi;
using Ninsho.Server.Hosting;

namespace Ninsho.Server.Endpoints;

/// <summary>The hosted UI: <c>GET /oauth2/authorize</c> (to the login page), <c>GET|POST /login</c> (the form, then
/// back to the client with a code), <c>GET /logout</c>, and <c>GET|POST /oauth2/userInfo</c>; each also under
/// <c>/domain/{prefix}/</c>, which checks the client (or the userInfo token) belongs to that domain's pool. The
/// pages' Content-Security-Policy lets the login form go only to this server and, through the redirect that
/// follows the sign-in, to the origin of the checked callback URL (docs/security-hosted-ui.md).</summary>
internal static class HostedUiEndpoints
{

    public static void MapHostedUi(this WebApplication app)
    {
        foreach (var prefix in new[] { "", "/domain/{domain}" })
        {
            app.MapGet(prefix + "/oauth2/authorize", (HttpContext http, IHostedUi ui, CancellationToken ct) => AuthorizeAsync(http, ui, ct));
            app.MapGet(prefix + "/login", (HttpContext http, IHostedUi ui, CancellationToken ct) => LoginPageAsync(http, ui, ct));
            app.MapPost(prefix + "/login", (HttpContext http, IHostedUi ui, NinshoServerOptions options, CancellationToken ct) =>
                LoginAsync(http, ui, options.MaxRequestBodyBytes, ct));
            app.MapGet(prefix + "/logout", (HttpContext http, IHostedUi ui, CancellationToken ct) => LogoutAsync(http, ui, ct));
            app.MapGet(prefix + "/oauth2/userInfo", (HttpContext http, IHostedUi ui, CancellationToken ct) => UserInfoAsync(http, ui, ct));
            app.MapPost(prefix + "/oauth2/userInfo", (HttpContext http, IHostedUi ui, CancellationToken ct) => UserInfoAsync(http, ui, ct));
        }

        app.MapHostedUiPages();
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http, IHostedUi ui, CancellationToken ct)
    {
        if (IFederatedSignIn.Requested(HostedUiHttp.Query(http)))
        {
            return await FederationEndpoints.StartAsync(http, HostedUiHttp.Query(http), (check, banner) => FormAsync(http, check, banner, username: null, ct), ct);
        }

        var outcome = await ui.ContinueAsync(HostedUiHttp.Query(http), ct);
        if (!outcome.Check.IsGrant)
        {
            return Refusal(http, outcome.Check);
        }

        HostedUiSessionCookie.Set(http, outcome.SessionCookie);
        return HostedUiHttp.Redirect(http, outcome.Redirect ?? HostedUiHttp.BasePath(http) + "/login" + http.Request.QueryString);
    }

    private static async Task<IResult> LoginPageAsync(HttpContext http, IHostedUi ui, CancellationToken ct)
    {
        var check = await ui.AuthorizeAsync(HostedUiHttp.Query(http), ct);
        // login_hint pre-fills the username, as Cognito's managed login does.
        return check.IsGrant ? await FormAsync(http, check, error: null, username: http.Request.Query["login_hint"].ToString(), ct) : Refusal(http, check);
    }

    private static async Task<IResult> LoginAsync(HttpContext http, IHostedUi ui, long limit, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return Page(http, 400, "The login form must be posted as application/x-www-form-urlencoded.");
        }

        var (form, status) = await FormBody.ReadAsync(http, limit, ct);
        if (form is null)
        {
            return Page(http, status, status == StatusCodes.Status413PayloadTooLarge ? "The request is too large." : "The login form could not be read.");
        }

        var username = form["username"].ToString();
        if (!HostedUiHttp.HasCsrfToken(http, form))
        {
            var check = await ui.AuthorizeAsync(HostedUiHttp.Query(http), ct);
            return check.IsGrant ? await FormAsync(http, check, "Your session expired; please sign in again.", username, ct) : Refusal(http, check);
        }

        var outcome = form["passkey"].ToString().Length > 0
            ? await ui.PasskeyAsync(HostedUiHttp.Query(http), username, ct)
            : await ui.LoginAsync(HostedUiHttp.Query(http), username, form["password"].ToString(), ct);
        if (!outcome.Check.IsGrant)
        {
            return Refusal(http, outcome.Check);
        }

        HostedUiSessionCookie.Set(http, outcome.SessionCookie);
        if (outcome.Page is { } next)
        {
            return await HostedUiPageEndpoints.AnswerAsync(http, next, ct);
        }

        return outcome.Redirect is { } redirect ? HostedUiHttp.Redirect(http, redirect) : await FormAsync(http, outcome.Check, outcome.FormError, username, ct);
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, IHostedUi ui, CancellationToken ct)
    {
        var (target, session) = await ui.LogoutAsync(HostedUiHttp.Query(http), ct);
        if (target is null)
        {
            return Page(http, 400, "Invalid client_id, or a logout_uri that is not one of the app client's sign-out URLs.");
        }

        HostedUiSessionCookie.Replace(http, session);
        return HostedUiHttp.Redirect(http, target.StartsWith("login?", StringComparison.Ordinal) ? HostedUiHttp.BasePath(http) + "/" + target : target);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext http, IHostedUi ui, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        var header = http.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        var result = await ui.UserInfoAsync(token, Domain(http), ct);
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (result.Error is not null)
            {
                writer.WriteString("error", result.Error);
                writer.WriteString("error_description", result.ErrorDescription);
                RouteMetrics.SetOutcome(http, result.Error);
                http.Response.Headers.WWWAuthenticate = $"Bearer error=\"{result.Error}\", error_description=\"{result.ErrorDescription}\"";
            }
            else
            {
                foreach (var (name, value) in result.Claims)
                {
                    writer.WriteString(name, value);
                }
            }

            writer.WriteEndObject();
        }

        http.Response.StatusCode = result.Status;
        return Results.Bytes(buffer.ToArray(), "application/json;charset=UTF-8");
    }

    private static string? Domain(HttpContext http) => http.Request.RouteValues.TryGetValue("domain", out var domain) ? domain as string : null;

    private static IResult Refusal(HttpContext http, AuthorizeCheck check)
    {
        if (check.ErrorRedirect is { } redirect)
        {
            RouteMetrics.SetOutcome(http, check.Error ?? "error");
            return HostedUiHttp.Redirect(http, redirect);
        }

        return Page(http, 400, check.PageError ?? "Invalid request.");
    }

    private static async Task<IResult> FormAsync(HttpContext http, AuthorizeCheck check, string? error, string? username, CancellationToken ct)
    {
        var csrf = HostedUiHttp.CsrfToken(http);
        var formAction = check.RedirectUri is { } callback && FormActionSource(callback) is { } source ? "'self' " + source : "'self'";
        var branding = await HostedUiPageEndpoints.BrandingAsync(http, ct);
        var buttons = LoginPage.ProviderButtons(HostedUiHttp.BasePath(http) + "/oauth2/authorize", http.Request.Query, check.IdentityProviders);
        var page = HostedUiHttp.Html(http, 200, LoginPage.Render(
            HostedUiHttp.BasePath(http) + "/login" + http.Request.QueryString, csrf, HostedUiHttp.CsrfField, error, username, branding, buttons, check.PasswordSignIn, check.PasskeySignIn, check.SelfSignUp), formAction);
        HostedUiPageEndpoints.AllowLogo(http, branding);
        return page;
    }

    private static IResult Page(HttpContext http, int status, string message) => HostedUiHttp.Html(http, status, LoginPage.Error(message), "'self'");

    /// <summary>The CSP source naming where the login form's redirect may go: the callback URL's origin
    /// (<c>https://app.example.com</c>, <c>http://127.0.0.1:8080</c>); for an app's own scheme
    /// (<c>myapp://callback</c>), whose origin no host source matches in Chromium, and for an IPv6 literal, which no
    /// host source can spell, the scheme (<c>myapp:</c>). Chromium applies <c>form-action</c> to the redirects that
    /// follow a form's POST, so without it the 302 to the callback is blocked.</summary>
    internal static string? FormActionSource(string callbackUrl)
    {
        if (!Uri.TryCreate(callbackUrl, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var scheme = uri.Scheme;
        if (scheme is "http" or "https" && uri.HostNameType is UriHostNameType.Dns or UriHostNameType.IPv4
            && uri.IdnHost.Length > 0 && uri.IdnHost.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
        {
            return uri.IsDefaultPort ? $"{scheme}://{uri.IdnHost}" : $"{scheme}://{uri.IdnHost}:{uri.Port}";
        }

        return scheme + ":";
    }
}
