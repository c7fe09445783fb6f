namespace Ninsho.Server.Hosting;

/// <summary>CORS only where a browser app calls Ninsho from its own origin: the JSON APIs (<c>POST /</c>, as the JS
/// SDK and amazon-cognito-identity-js do), <c>/oauth2/token</c>, <c>/oauth2/revoke</c> and <c>/oauth2/userInfo</c>
/// (also under <c>/domain/{prefix}/</c>), and the pools' discovery and JWKS documents that browser OIDC clients
/// fetch (also under the AWS issuer's path). Nowhere else: the hosted UI pages are navigated to, never fetched, and the operator routes under
/// <c>/_ninsho/</c> hold secrets that no web page may read.</summary>
internal static class BrowserCors
{
    public const string Policy = "browser-apps";

    /// <summary>ASP.NET Core's CORS middleware with <see cref="Policy"/>, made directly: <c>UseCors</c> binds it by
    /// reflection and compiles an expression tree for its Invoke (which also takes the policy provider), about 10 ms
    /// of the cold start (bench/README.md, "Where the cold start goes").</summary>
    public static void Use(IApplicationBuilder browser)
    {
        var services = browser.ApplicationServices;
        var cors = services.GetRequiredService<Microsoft.AspNetCore.Cors.Infrastructure.ICorsService>();
        var policies = services.GetRequiredService<Microsoft.AspNetCore.Cors.Infrastructure.ICorsPolicyProvider>();
        var loggers = services.GetRequiredService<ILoggerFactory>();
        _ = browser.Use(next =>
        {
            var middleware = new Microsoft.AspNetCore.Cors.Infrastructure.CorsMiddleware(next, cors, loggers, Policy);
            return http => middleware.Invoke(http, policies);
        });
    }

    private static readonly string[] OAuthPaths = ["/oauth2/token", "/oauth2/revoke", "/oauth2/userInfo"];

    /// <summary>True when <paramref name="path"/> is one of those routes (routing ignores case, so this does too).</summary>
    public static bool Applies(PathString path)
    {
        var value = path.Value;
        if (value is null or "/")
        {
            return value == "/";
        }

        if (OperatorAccess.IsOperatorPath(path))
        {
            return false;
        }

        if (value.StartsWith("/domain/", StringComparison.OrdinalIgnoreCase) && value.IndexOf('/', "/domain/".Length) is > 0 and var end)
        {
            value = value[end..];
        }
        else if (value.Split('/') is [_, { Length: > 0 } first, .. var middle, var wellKnown, var document]
            && (middle.Length == 0 || (middle is [{ Length: > 0 }] && first.StartsWith("cognito-idp.", StringComparison.OrdinalIgnoreCase)))
            && wellKnown.Equals(".well-known", StringComparison.OrdinalIgnoreCase))
        {
            // /{pool}/.well-known/… and, with --issuer aws, /cognito-idp.{region}.amazonaws.com/{pool}/.well-known/….
            return document.Equals("jwks.json", StringComparison.OrdinalIgnoreCase)
                || document.Equals("openid-configuration", StringComparison.OrdinalIgnoreCase);
        }

        return OAuthPaths.Any(p => value.Equals(p, StringComparison.OrdinalIgnoreCase));
    }
}
