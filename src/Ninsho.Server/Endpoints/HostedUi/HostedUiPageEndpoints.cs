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

            app.MapGet(prefix + "/" + HostedUiViews.ConfirmLink, (HttpContext http, IHostedUiPages pages, CancellationToken ct) => ConfirmLinkAsync(http, pages, ct));
        }
    }

    /// <summary>The verification link's page: Cognito's words when the user is confirmed (guessed page), else the error
    /// page with the API's message.</summary>
    private static async Task<IResult> ConfirmLinkAsync(HttpContext http, IHostedUiPages pages, CancellationToken ct)
    {
        var error = await pages.ConfirmLinkAsync(HostedUiHttp.Query(http), ct);
        const string Confirmed = "Your registration has been confirmed!";
        return error is null
            ? HostedUiHttp.Html(http, 200, LoginPage.Shell(Confirmed, null, $"<h1>{Confirmed}</h1>"), "'none'")
            : HostedUiHttp.Html(http, 400, LoginPage.Error(error), "'none'");
    }

    private static async Task<IResult> ShowAsync(HttpContext http, IHostedUiPages pages, string view, CancellationToken ct) =>
        await AnswerAsync(http, await pages.ShowAsync(HostedUiHttp.Query(http), view, ct), ct);

    private static async Task<IResult> SubmitAsync(HttpContext http, IHostedUiPages pages, string view, long limit, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return HostedUiHttp.Html(http, 400, LoginPage.Error("The form must be posted as application/x-www-form-urlencoded."), "'self'");
        }

        var (form, status) = await FormBody.ReadAsync(http, limit, ct);
        if (form is null)
        {
            return HostedUiHttp.Html(http, status, LoginPage.Error(status == StatusCodes.Status413PayloadTooLarge ? "The request is too large." : "The form could not be read."), "'self'");
        }

        if (!HostedUiHttp.HasCsrfToken(http, form))
        {
            // A form without this browser's token: show the page again (a new token) or start over at sign-in.
            var again = await pages.ShowAsync(HostedUiHttp.Query(http), view, ct);
            return await AnswerAsync(http, again.View.Length > 0 ? again with { Error = "Your session expired; please try again." } : again, ct);
        }

        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        return await AnswerAsync(http, await pages.SubmitAsync(HostedUiHttp.Query(http), view, fields, ct), ct);
    }

    /// <summary>The response for a page outcome: a refusal of the authorize request, a redirect (to the app with the
    /// code, or to the sign-in page), or the page.</summary>
    public static async Task<IResult> AnswerAsync(HttpContext http, HostedUiPage page, CancellationToken ct)
    {
        if (!page.Check.IsGrant)
        {
            return page.Check.ErrorRedirect is { } error
                ? HostedUiHttp.Redirect(http, error)
                : HostedUiHttp.Html(http, 400, LoginPage.Error(page.Check.PageError ?? "Invalid request."), "'self'");
        }

        HostedUiSessionCookie.Set(http, page.SessionCookie);
        if (page.Redirect is { } redirect)
        {
            return HostedUiHttp.Redirect(http, redirect == "login" ? PageUrl(http, "login") : redirect);
        }

        var token = HostedUiHttp.CsrfToken(http);

        // A page's POST may end on the app's callback: form-action names its origin, as on the login page.
        var source = page.Check.RedirectUri is { } callback ? HostedUiEndpoints.FormActionSource(callback) : null;
        var branding = await BrandingAsync(http, ct);
        var nonce = page.View == HostedUiViews.Passkey ? HostedUiHttp.ScriptNonce() : null;
        var result = HostedUiHttp.Html(http, 200, HostedUiPageHtml.Render(page, PageUrl(http, page.View), token, HostedUiHttp.CsrfField, branding, nonce),
            source is null ? "'self'" : "'self' " + source, nonce);
        AllowLogo(http, branding);
        return result;
    }

    /// <summary>The UI customization of the request's client (set-ui-customization), for the login page and these.</summary>
    public static Task<HostedUiBranding?> BrandingAsync(HttpContext http, CancellationToken ct) =>
        http.RequestServices.GetRequiredService<IHostedUiPages>().BrandingAsync(HostedUiHttp.Query(http), ct);

    /// <summary>Adds the logo's origin (the server's public URL, which serves it) as the page's <c>img-src</c>.</summary>
    public static void AllowLogo(HttpContext http, HostedUiBranding? branding)
    {
        if (branding?.ImageUrl is { } data && data.StartsWith("data:image/", StringComparison.Ordinal))
        {
            // A managed login style's logo travels in the page.
            http.Response.Headers.ContentSecurityPolicy += "; img-src data:";
        }
        else if (branding?.ImageUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            http.Response.Headers.ContentSecurityPolicy += "; img-src " + uri.GetLeftPart(UriPartial.Authority);
        }
    }

    private static string PageUrl(HttpContext http, string view) => HostedUiHttp.BasePath(http) + "/" + view + http.Request.QueryString;
}
