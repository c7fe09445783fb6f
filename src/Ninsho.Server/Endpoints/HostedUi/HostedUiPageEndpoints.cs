using System.Security.Cryptography;
using System.Text;
using Ninsho.Core.Features.HostedUi;
using Ninsho.Server.Hosting;

namespace Ninsho.Server.Endpoints;

/// <summary>The hosted UI's pages beyond sign-in (docs/hosted-ui-and-oauth.md#the-hosted-ui-pages): <c>/signup</c>,
/// <c>/confirm</c>, <c>/forgotPassword</c>, <c>/confirmForgotPassword</c>, <c>/resetPassword</c> (new password),
/// <c>/mfa</c>, <c>/mfaOption</c>, <c>/mfaSetup</c>, each also under <c>/domain/{prefix}/</c> and each with the
/// authorize request's query. Every form carries the login page's CSRF token (cookie and field) and the sealed state
/// of the step before it; the pages' Content-Security-Policy is the login page's (docs/security-hosted-ui.md).</summary>
internal static class HostedUiPageEndpoints
{
    private const string CsrfCookie = "XSRF-TOKEN";
    private const string CsrfField = "_csrf";

    public static void MapHostedUiPages(this WebApplication app)
    {
        foreach (var prefix in new[] { "", "/domain/{domain}" })
        {
            foreach (var view in HostedUiViews.All)
            {
                app.MapGet(prefix + "/" + view, (HttpContext http, IHostedUiPages pages, CancellationToken ct) => ShowAsync(http, pages, view, ct));
                app.MapPost(prefix + "/" + view, (HttpContext http, IHostedUiPages pages, NinshoServerOptions options, CancellationToken ct) =>
                    SubmitAsync(http, pages, view, options.MaxRequestBodyBytes, ct));
            }
        }
    }

    private static async Task<IResult> ShowAsync(HttpContext http, IHostedUiPages pages, string view, CancellationToken ct) =>
        await AnswerAsync(http, await pages.ShowAsync(Query(http), view, ct), ct);

    private static async Task<IResult> SubmitAsync(HttpContext http, IHostedUiPages pages, string view, long limit, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return Html(http, 400, LoginPage.Error("The form must be posted as application/x-www-form-urlencoded."), "'self'");
        }

        var (form, status) = await FormBody.ReadAsync(http, limit, ct);
        if (form is null)
        {
            return Html(http, status, LoginPage.Error(status == StatusCodes.Status413PayloadTooLarge ? "The request is too large." : "The form could not be read."), "'self'");
        }

        var csrf = form[CsrfField].ToString();
        if (csrf.Length == 0 || !http.Request.Cookies.TryGetValue(CsrfCookie, out var cookie) ||
            !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(csrf), Encoding.UTF8.GetBytes(cookie)))
        {
            // A form without this browser's token: show the page again (a new token) or start over at sign-in.
            var again = await pages.ShowAsync(Query(http), view, ct);
            return await AnswerAsync(http, again.View.Length > 0 ? again with { Error = "Your session expired; please try again." } : again, ct);
        }

        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        return await AnswerAsync(http, await pages.SubmitAsync(Query(http), view, fields, ct), ct);
    }

    /// <summary>The response for a page outcome: a refusal of the authorize request, a redirect (to the app with the
    /// code, or to the sign-in page), or the page.</summary>
    public static async Task<IResult> AnswerAsync(HttpContext http, HostedUiPage page, CancellationToken ct)
    {
        if (!page.Check.IsGrant)
        {
            return page.Check.ErrorRedirect is { } error
                ? Redirect(http, error)
                : Html(http, 400, LoginPage.Error(page.Check.PageError ?? "Invalid request."), "'self'");
        }

        HostedUiSessionCookie.Set(http, page.SessionCookie);
        if (page.Redirect is { } redirect)
        {
            return Redirect(http, redirect == "login" ? PageUrl(http, "login") : redirect);
        }

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

        // A page's POST may end on the app's callback: form-action names its origin, as on the login page.
        var source = page.Check.RedirectUri is { } callback ? HostedUiEndpoints.FormActionSource(callback) : null;
        var branding = await BrandingAsync(http, ct);
        var result = Html(http, 200, HostedUiPageHtml.Render(page, PageUrl(http, page.View), token, CsrfField, branding), source is null ? "'self'" : "'self' " + source);
        AllowLogo(http, branding);
        return result;
    }

    /// <summary>The UI customization of the request's client (set-ui-customization), for the login page and these.</summary>
    public static Task<HostedUiBranding?> BrandingAsync(HttpContext http, CancellationToken ct) =>
        http.RequestServices.GetRequiredService<IHostedUiPages>().BrandingAsync(Query(http), ct);

    /// <summary>Adds the logo's origin (the server's public URL, which serves it) as the page's <c>img-src</c>.</summary>
    public static void AllowLogo(HttpContext http, HostedUiBranding? branding)
    {
        if (branding?.ImageUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            http.Response.Headers.ContentSecurityPolicy += "; img-src " + uri.GetLeftPart(UriPartial.Authority);
        }
    }

    private static string PageUrl(HttpContext http, string view) =>
        (http.Request.RouteValues.TryGetValue("domain", out var domain) && domain is string d ? "/domain/" + Uri.EscapeDataString(d) : "")
        + "/" + view + http.Request.QueryString;

    private static AuthorizeQuery Query(HttpContext http) => new()
    {
        Fields = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
        Domain = http.Request.RouteValues.TryGetValue("domain", out var domain) ? domain as string : null,
        Session = http.Request.Cookies[HostedUiSessionCookie.Name],
    };

    private static IResult Redirect(HttpContext http, string location)
    {
        http.Response.Headers.CacheControl = "no-store";
        return Results.Redirect(location);
    }

    private static IResult Html(HttpContext http, int status, string html, string formAction)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XFrameOptions = "DENY";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action " + formAction;
        http.Response.StatusCode = status;
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
