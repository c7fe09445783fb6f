using Ninsho.Core.Features.Federation;
using Ninsho.Core.Features.HostedUi;
using Ninsho.Server.Hosting;

namespace Ninsho.Server.Endpoints;

/// <summary>Federated sign-in in the hosted UI (docs/federation.md): <c>/oauth2/authorize</c> naming another
/// identity provider goes there (<see cref="StartAsync"/>, called by the hosted UI's authorize), and the provider
/// answers at <c>GET|POST /oauth2/idpresponse</c> (POST for providers that post their answer, as Apple does), also
/// under <c>/domain/{prefix}/</c>. A cookie set with the redirect to the provider binds its answer to the browser
/// that started the sign-in.</summary>
internal static class FederationEndpoints
{
    private const string FlowCookie = "ninsho-federation";

    public static void MapFederation(this WebApplication app)
    {
        foreach (var prefix in new[] { "", "/domain/{domain}" })
        {
            app.MapGet(prefix + "/oauth2/idpresponse", (HttpContext http, IFederatedSignIn federation, CancellationToken ct) =>
                FinishAsync(http, federation, http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal), ct));
            app.MapPost(prefix + "/oauth2/idpresponse", async (HttpContext http, IFederatedSignIn federation, NinshoServerOptions options, CancellationToken ct) =>
            {
                var (form, status) = http.Request.HasFormContentType ? await FormBody.ReadAsync(http, options.MaxRequestBodyBytes, ct) : default;
                if (form is null)
                {
                    return Error(http, status == StatusCodes.Status413PayloadTooLarge ? 413 : 400, "The identity provider's answer could not be read.");
                }

                return await FinishAsync(http, federation, form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal), ct);
            });

            // A SAML IdP's answer: HTTP-POST binding only, as Cognito's ACS (docs/federation.md#saml).
            app.MapPost(prefix + "/saml2/idpresponse", async (HttpContext http, IFederatedSignIn federation, NinshoServerOptions options, CancellationToken ct) =>
            {
                var (form, status) = http.Request.HasFormContentType ? await FormBody.ReadAsync(http, options.MaxRequestBodyBytes, ct) : default;
                if (form is null)
                {
                    return Error(http, status == StatusCodes.Status413PayloadTooLarge ? 413 : 400, "The identity provider's answer could not be read.");
                }

                var domain = http.Request.RouteValues.TryGetValue("domain", out var d) ? d as string : null;
                var step = await federation.FinishSamlAsync(
                    form["SAMLResponse"].ToString(), form.TryGetValue("RelayState", out var relay) ? relay.ToString() : null,
                    http.Request.Cookies[FlowCookie], http.Request.Cookies[HostedUiSessionCookie.Name], domain, ct);
                if (step.PageError is null)
                {
                    http.Response.Cookies.Delete(FlowCookie, new CookieOptions { Path = "/" });
                }

                return Answer(http, step);
            });
        }
    }

    /// <summary>The redirect to the provider an authorize request names (<see cref="IFederatedSignIn.Requested"/>).</summary>
    public static async Task<IResult> StartAsync(HttpContext http, AuthorizeQuery query, Func<AuthorizeCheck, string, Task<IResult>> loginPage, CancellationToken ct)
    {
        var federation = http.RequestServices.GetRequiredService<IFederatedSignIn>();
        var step = await federation.StartAsync(query, ct);
        if (step.SetCookie is { } cookie)
        {
            http.Response.Cookies.Append(FlowCookie, cookie, new CookieOptions
            {
                HttpOnly = true,
                // Apple posts its answer back cross-site: only SameSite=None (which needs Secure) carries the cookie there.
                SameSite = http.Request.IsHttps ? SameSiteMode.None : SameSiteMode.Lax,
                Secure = http.Request.IsHttps,
                Path = "/",
                MaxAge = TimeSpan.FromMinutes(5),
            });
        }

        return step.LoginError is { } banner && step.Check is { IsGrant: true } check ? await loginPage(check, banner) : Answer(http, step);
    }

    private static async Task<IResult> FinishAsync(HttpContext http, IFederatedSignIn federation, Dictionary<string, string> answer, CancellationToken ct)
    {
        var domain = http.Request.RouteValues.TryGetValue("domain", out var d) ? d as string : null;
        var step = await federation.FinishAsync(answer, http.Request.Cookies[FlowCookie], http.Request.Cookies[HostedUiSessionCookie.Name], domain, ct);
        if (step.PageError is null)
        {
            http.Response.Cookies.Delete(FlowCookie, new CookieOptions { Path = "/" });
        }

        return Answer(http, step);
    }

    private static IResult Answer(HttpContext http, FederationStep step)
    {
        http.Response.Headers.CacheControl = "no-store";
        HostedUiSessionCookie.Set(http, step.SessionCookie);
        if (step.Redirect is { } redirect)
        {
            return SameOriginNavigation(http) ? Continue(http, redirect) : Results.Redirect(redirect);
        }

        if (step.Check is { ErrorRedirect: { } error })
        {
            return Results.Redirect(error);
        }

        return Error(http, 400, step.PageError ?? step.Check?.PageError ?? "Invalid request.");
    }

    /// <summary>Whether the browser came here from a page of this server: a Ninsho pool signing in through another
    /// pool's hosted UI, whose login form posted on this origin. Chromium checks every redirect that follows a form's
    /// POST against that page's CSP <c>form-action</c>, which names only the upstream pool's callback (this
    /// endpoint), so a 302 on to the app would be blocked (docs/federation.md#what-the-browser-found).</summary>
    private static bool SameOriginNavigation(HttpContext http) =>
        string.Equals(http.Request.Headers["Sec-Fetch-Site"].ToString(), "same-origin", StringComparison.Ordinal)
        && HttpMethods.IsGet(http.Request.Method);

    /// <summary>A page that sends the browser on to <paramref name="location"/> as a new navigation (a meta refresh),
    /// which no earlier form's <c>form-action</c> governs.</summary>
    private static IResult Continue(HttpContext http, string location)
    {
        http.Response.Headers.XFrameOptions = "DENY";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        var url = System.Text.Encodings.Web.HtmlEncoder.Default.Encode(location);
        return Results.Content(
            $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url={url}\"><title>Signing in</title></head>" +
            $"<body><p><a href=\"{url}\">Continue</a></p></body></html>",
            "text/html; charset=utf-8");
    }

    private static IResult Error(HttpContext http, int status, string message)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XFrameOptions = "DENY";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'";
        http.Response.StatusCode = status;
        return Results.Content(LoginPage.Error(message), "text/html; charset=utf-8");
    }
}
