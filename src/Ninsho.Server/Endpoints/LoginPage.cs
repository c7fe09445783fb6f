using System.Text.Encodings.Web;
using Ninsho.Core.Features.HostedUi;

namespace Ninsho.Server.Endpoints;

/// <summary>The hosted UI's HTML: the sign-in form and the error page. Every value written into the page is
/// HTML-encoded.</summary>
internal static class LoginPage
{
    private const string Style =
        "body{font-family:sans-serif;background:#f4f4f4;margin:0}main{max-width:22rem;margin:4rem auto;background:#fff;" +
        "padding:2rem;border-radius:6px;box-shadow:0 1px 4px #0002}label,input,button{display:block;width:100%;box-sizing:border-box}" +
        "input{margin:.25rem 0 1rem;padding:.5rem}button{padding:.6rem}.error{color:#b00020}";

    /// <summary>The sign-in page: <paramref name="providerButtons"/> (links to the client's identity providers) and,
    /// when the client offers it (<paramref name="passwordForm"/>: <c>COGNITO</c>), the password form.</summary>
    public static string Render(
        string action, string csrf, string csrfField, string? error, string? username, HostedUiBranding? branding = null, string providerButtons = "",
        bool passwordForm = true, bool passkey = false, bool signUp = true)
    {
        var e = HtmlEncoder.Default;
        var message = error is null ? "" : $"<p class=\"error errorMessage-customizable\" role=\"alert\">{e.Encode(error)}</p>";
        if (!passwordForm)
        {
            return Shell("Sign in", branding, $"<h1>Sign in</h1>{message}{providerButtons}");
        }

        return Shell("Sign in", branding, $"""
            <h1>Sign in</h1>{message}{providerButtons}
            <form method="post" action="{e.Encode(action)}">
            <input type="hidden" name="{csrfField}" value="{e.Encode(csrf)}">
            <label class="label-customizable" for="username">Username</label><input class="inputField-customizable" id="username" name="username" autocomplete="username" required value="{e.Encode(username ?? "")}">
            <label class="label-customizable" for="password">Password</label><input class="inputField-customizable" id="password" name="password" type="password" autocomplete="current-password" required>
            <button class="submitButton-customizable" type="submit">Sign in</button>{(passkey ? PasskeyButton : "")}
            </form>
            <p><a class="redirect-customizable" href="{e.Encode(HostedUiPageHtml.Sibling(action, "forgotPassword"))}">Forgot your password?</a></p>
            {(signUp ? $"<p class=\"textDescription-customizable\">Need an account? <a class=\"redirect-customizable\" href=\"{e.Encode(HostedUiPageHtml.Sibling(action, "signup"))}\">Sign up</a></p>" : "")}
            """);
    }

    /// <summary>The login form's second button: the username only, then the passkey page (formnovalidate: the password
    /// field is not needed).</summary>
    private const string PasskeyButton =
        "<p class=\"textDescription-customizable\">or</p><button class=\"submitButton-customizable\" type=\"submit\" id=\"passkey\" name=\"passkey\" value=\"1\" formnovalidate>Sign in with passkey</button>";

    /// <summary>A page of the hosted UI around <paramref name="main"/> (already encoded HTML), with the client's UI
    /// customization: its CSS after the page's own (Cognito's <c>*-customizable</c> classes are on the elements), and
    /// its logo in the banner.</summary>
    public static string Shell(string title, HostedUiBranding? branding, string main)
    {
        var e = HtmlEncoder.Default;

        // The CSS passed set-ui-customization's checks (no HTML); '<' is escaped anyway so nothing can close the element.
        var css = branding?.Css is { Length: > 0 } c ? "<style>" + c.Replace("<", "\\3c ", StringComparison.Ordinal) + "</style>" : "";
        var logo = branding?.ImageUrl is { } url
            ? $"<div class=\"banner-customizable\"><img class=\"logo-customizable\" src=\"{e.Encode(url)}\" alt=\"\"></div>"
            : "";
        return $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{e.Encode(title)}</title><style>{Style}</style>{css}</head>
            <body class="background-customizable"><main>{logo}{main}</main></body></html>
            """;
    }

    /// <summary>A link per identity provider the client supports: the same authorize request with
    /// <c>identity_provider</c> set to it (docs/federation.md).</summary>
    public static string ProviderButtons(string authorizePath, IQueryCollection query, IReadOnlyList<string> providers)
    {
        if (providers.Count == 0)
        {
            return "";
        }

        var e = HtmlEncoder.Default;
        var kept = query.Where(q => q.Key is not ("identity_provider" or "idp_identifier")).Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString())).ToList();
        var links = providers.Select(p =>
        {
            var url = authorizePath + Microsoft.AspNetCore.Http.QueryString.Create([.. kept, KeyValuePair.Create("identity_provider", (string?)p)]);
            return $"<p><a class=\"idpButton-customizable\" data-provider=\"{e.Encode(p)}\" href=\"{e.Encode(url)}\">Sign in with {e.Encode(p)}</a></p>";
        });
        return string.Concat(links);
    }

    public static string Error(string message) => $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Error</title><style>{Style}</style></head>
        <body><main><h1>An error was encountered with the requested page.</h1><p class="error">{HtmlEncoder.Default.Encode(message)}</p></main></body></html>
        """;
}
