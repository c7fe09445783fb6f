using System.Text.Encodings.Web;

namespace Ninsho.Server.Endpoints;

/// <summary>The hosted UI's HTML: the sign-in form and the error page. Every value written into the page is
/// HTML-encoded.</summary>
internal static class LoginPage
{
    private const string Style =
        "body{font-family:sans-serif;background:#f4f4f4;margin:0}main{max-width:22rem;margin:4rem auto;background:#fff;" +
        "padding:2rem;border-radius:6px;box-shadow:0 1px 4px #0002}label,input,button{display:block;width:100%;box-sizing:border-box}" +
        "input{margin:.25rem 0 1rem;padding:.5rem}button{padding:.6rem}.error{color:#b00020}";

    public static string Render(string action, string csrf, string csrfField, string? error, string? username, string providerButtons = "")
    {
        var e = HtmlEncoder.Default;
        var message = error is null ? "" : $"<p class=\"error\" role=\"alert\">{e.Encode(error)}</p>";
        return $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Sign in</title><style>{Style}</style></head>
            <body><main><h1>Sign in</h1>{message}{providerButtons}
            <form method="post" action="{e.Encode(action)}">
            <input type="hidden" name="{csrfField}" value="{e.Encode(csrf)}">
            <label for="username">Username</label><input id="username" name="username" autocomplete="username" required value="{e.Encode(username ?? "")}">
            <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
            <button type="submit">Sign in</button>
            </form></main></body></html>
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
