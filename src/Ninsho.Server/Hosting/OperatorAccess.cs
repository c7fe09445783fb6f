using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ninsho.Core.Signing;

namespace Ninsho.Server.Hosting;

/// <summary>Who may use the operator routes under <c>/_ninsho/</c> (the outbox, which holds verification codes,
/// temporary passwords and MFA codes in clear, and the user import logs). By default only callers on this machine
/// (loopback, not forwarded by a proxy, naming this machine in Host). Once a credential is configured, or the server listens beyond loopback
/// (<see cref="NinshoServerOptions.OperatorRoutesNeedCredential"/>), every call must carry one: a SigV4 signature by a
/// <c>--sigv4-credentials</c> key, or <c>Authorization: Bearer</c> with the <c>--admin-token</c>. Anything else gets
/// 403 and never the data. The user import upload (<c>PUT /_ninsho/import/{pool}/{job}</c>) carries its own
/// credential, the signed PreSignedUrl that only CreateUserImportJob hands out, and is checked by its handler.</summary>
internal sealed class OperatorAccess
{
    public const string PathPrefix = "/_ninsho";

    private readonly NinshoServerOptions _options;
    private readonly SigV4Verifier? _signatures;
    private readonly byte[]? _adminTokenHash;
    private readonly string? _publicHost;

    public OperatorAccess(NinshoServerOptions options, TimeProvider clock)
    {
        _options = options;
        _signatures = options.SigV4Credentials.Count > 0 ? new SigV4Verifier(options.SigV4Credentials, clock) : null;
        _adminTokenHash = options.AdminToken is { } token ? SHA256.HashData(Encoding.UTF8.GetBytes(token)) : null;
        _publicHost = Uri.TryCreate(options.EffectivePublicUrl, UriKind.Absolute, out var publicUrl) ? publicUrl.IdnHost.Trim('[', ']') : null;
    }

    /// <summary>Marks an endpoint under <c>/_ninsho/</c> that authorizes its callers itself (a signed URL).</summary>
    public sealed class AuthorizedByHandler;

    /// <summary>Marks an endpoint outside <c>/_ninsho/</c> that these rules guard too (the <c>/metrics</c> scrape).</summary>
    public sealed class OperatorRoute;

    /// <summary>moto's reset route, which the test-control API answers too (docs/test-control.md).</summary>
    public const string MotoPrefix = "/moto-api";

    /// <summary>True for every path routing could send to an operator route (routing ignores case).</summary>
    public static bool IsOperatorPath(PathString path) =>
        path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(MotoPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when the request may go on, else the reason it is refused. <paramref name="body"/> is the body a
    /// SigV4 signature covers (the KMS Decrypt that the JSON dispatcher serves under these rules); the GET routes have none.</summary>
    public string? Refusal(HttpContext http, ReadOnlyMemory<byte> body = default)
    {
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && CrossOrigin(http.Request))
        {
            return "The /_ninsho/ operator routes refuse requests a web page of another origin sends (Origin or Sec-Fetch-Site says so): "
                + "a page may not reset the server or read its codes.";
        }

        var authorization = http.Request.Headers.Authorization.ToString();
        if (_adminTokenHash is not null && authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            // Both sides hashed first, so the comparison takes the same time whatever the length or content sent.
            var sent = SHA256.HashData(Encoding.UTF8.GetBytes(authorization["Bearer ".Length..].Trim()));
            if (CryptographicOperations.FixedTimeEquals(sent, _adminTokenHash))
            {
                return null;
            }
        }

        if (_signatures is not null && authorization.StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal))
        {
            var headers = http.Request.Headers;
            var request = new SigV4Request(http.Request.Method, http.Request.Path.Value ?? "/", http.Request.QueryString.Value?.TrimStart('?') ?? string.Empty,
                name => headers.TryGetValue(name, out var v) ? v.ToString() : null, body);
            if (_signatures.Verify(request) == SigV4Result.Valid)
            {
                return null;
            }
        }

        if (_options.OperatorRoutesNeedCredential)
        {
            return "The /_ninsho/ operator routes need a credential: Authorization: Bearer <token> with the server's --admin-token "
                + "(env NINSHO_ADMIN_TOKEN), or a SigV4 signature by one of its --sigv4-credentials keys.";
        }

        return IsLocalCaller(http) && NamesThisMachine(http.Request.Host)
            ? null
            : "The /_ninsho/ operator routes are served only to callers on this machine (loopback). Start the server with "
              + "--admin-token (env NINSHO_ADMIN_TOKEN) and send Authorization: Bearer <token> to read them from elsewhere.";
    }

    /// <summary>A request a browser sent for a page of another origin. Reading the answer is blocked anyway (no CORS
    /// headers here), but a state-changing route (a reset, the clock) must not run for a form a page posts: checked
    /// on every method but GET and HEAD.</summary>
    internal static bool CrossOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site is "cross-site" or "same-site")
        {
            return true;
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0
            && !string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The Host a loopback caller named is this machine: localhost, a loopback address, or the public URL's
    /// host. A page whose own name an attacker pointed at 127.0.0.1 (DNS rebinding) is same-origin with what it loads
    /// from there, so missing CORS headers alone would not keep the outbox from it; its requests name its host.</summary>
    private bool NamesThisMachine(HostString host)
    {
        var name = host.Host.Trim('[', ']');
        return string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address))
            || string.Equals(name, _publicHost, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A loopback peer that no proxy speaks for: a proxy on this machine forwards callers from anywhere.</summary>
    private static bool IsLocalCaller(HttpContext http)
    {
        if (http.Connection.RemoteIpAddress is not { } address)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var headers = http.Request.Headers;
        return IPAddress.IsLoopback(address)
            && !headers.ContainsKey("Forwarded") && !headers.ContainsKey("X-Forwarded-For")
            && !headers.ContainsKey("X-Forwarded-Host") && !headers.ContainsKey("X-Real-IP");
    }

    /// <summary>Puts the check in front of the <c>/_ninsho/</c> routes. Added after routing, so that it sees the
    /// endpoint a request was matched to: a path that routing matched to an operator route is checked however it
    /// is spelled.</summary>
    public static void Install(WebApplication app)
    {
        var access = new OperatorAccess(app.Services.GetRequiredService<NinshoServerOptions>(), app.Services.GetRequiredService<ServerClock>().Real);
        app.Use(async (http, next) =>
        {
            var endpoint = http.GetEndpoint();
            var operatorRoute = IsOperatorPath(http.Request.Path)
                || (endpoint as RouteEndpoint)?.RoutePattern.RawText is { } pattern
                    && (pattern.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase) || pattern.StartsWith(MotoPrefix, StringComparison.OrdinalIgnoreCase))
                || endpoint?.Metadata.GetMetadata<OperatorRoute>() is not null;
            if (!operatorRoute || endpoint?.Metadata.GetMetadata<AuthorizedByHandler>() is not null
                || access.Refusal(http) is not { } refusal)
            {
                await next(http);
                return;
            }

            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            http.Response.Headers.CacheControl = "no-store";
            http.Response.ContentType = "application/json";
            using var body = new MemoryStream();
            await using (var writer = new Utf8JsonWriter(body))
            {
                writer.WriteStartObject();
                writer.WriteString("error", "AccessDenied");
                writer.WriteString("message", refusal);
                writer.WriteEndObject();
            }

            await http.Response.Body.WriteAsync(body.ToArray(), http.RequestAborted);
        });
    }
}
