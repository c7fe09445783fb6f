using System.Text;
using System.Text.Json;
using Ninsho.Core.Features.OAuth;
using Ninsho.Server.Hosting;

namespace Ninsho.Server.Endpoints;

/// <summary><c>POST /oauth2/token</c> (and <c>POST /domain/{prefix}/oauth2/token</c>, which also checks the client
/// belongs to that domain's pool). Cognito routes by the domain's host name; here the client id names the pool.
/// Answers are JSON with <c>Cache-Control: no-store</c>; errors are <c>{"error": …}</c>.</summary>
internal static class OAuthEndpoints
{
    private const string JsonType = "application/json;charset=UTF-8";

    public static void MapOAuth(this WebApplication app)
    {
        app.MapPost("/oauth2/token", (HttpContext http, IOAuthTokenEndpoint endpoint, NinshoServerOptions options, CancellationToken ct) =>
            TokenAsync(http, endpoint, options, null, ct));
        app.MapPost("/domain/{domain}/oauth2/token", (string domain, HttpContext http, IOAuthTokenEndpoint endpoint, NinshoServerOptions options, CancellationToken ct) =>
            TokenAsync(http, endpoint, options, domain, ct));
        app.MapPost("/oauth2/revoke", (HttpContext http, IOAuthTokenEndpoint endpoint, NinshoServerOptions options, CancellationToken ct) =>
            RevokeAsync(http, endpoint, options, null, ct));
        app.MapPost("/domain/{domain}/oauth2/revoke", (string domain, HttpContext http, IOAuthTokenEndpoint endpoint, NinshoServerOptions options, CancellationToken ct) =>
            RevokeAsync(http, endpoint, options, domain, ct));
    }

    private static async Task<IResult> TokenAsync(HttpContext http, IOAuthTokenEndpoint endpoint, NinshoServerOptions options, string? domain, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        var (request, failure) = await ReadAsync(http, options.MaxRequestBodyBytes, domain, ct);
        return Write(failure ?? await endpoint.TokenAsync(request!, ct), http);
    }

    /// <summary><c>POST /oauth2/revoke</c>: status 200 and no body when revoked; otherwise the JSON error.</summary>
    private static async Task<IResult> RevokeAsync(HttpContext http, IOAuthTokenEndpoint endpoint, NinshoServerOptions options, string? domain, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        var (request, failure) = await ReadAsync(http, options.MaxRequestBodyBytes, domain, ct);
        var result = failure ?? await endpoint.RevokeAsync(request!, ct);
        return result.IsEmpty ? Results.Ok() : Write(result, http);
    }

    /// <summary>The form (at most <paramref name="limit"/> bytes: larger is 413 invalid_request) and the client
    /// credentials of a Basic header, or the error to answer.</summary>
    private static async Task<(OAuthTokenRequest? Request, OAuthTokenResult? Failure)> ReadAsync(HttpContext http, long limit, string? domain, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return (null, OAuthTokenResult.Fail(OAuthErrors.InvalidRequest));
        }

        var (form, status) = await FormBody.ReadAsync(http, limit, ct);
        if (form is null)
        {
            return (null, OAuthTokenResult.Fail(OAuthErrors.InvalidRequest, status));
        }

        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var request = new OAuthTokenRequest { Form = fields, Domain = domain };
        var authorization = http.Request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            if (!TryReadBasic(authorization, out var id, out var secret))
            {
                return (null, OAuthTokenResult.Fail(OAuthErrors.InvalidClient, 401, challenge: true));
            }

            request = request with { BasicClientId = id, BasicClientSecret = secret };
        }

        return (request, null);
    }

    /// <summary><c>Basic base64(id:secret)</c>; RFC 6749 §2.3.1 form-encodes both before base64, so they are decoded.</summary>
    private static bool TryReadBasic(string header, out string id, out string secret)
    {
        id = secret = "";
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return false;
            }

            id = Uri.UnescapeDataString(pair[..colon].Replace('+', ' '));
            secret = Uri.UnescapeDataString(pair[(colon + 1)..].Replace('+', ' '));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static IResult Write(OAuthTokenResult result, HttpContext http)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (result.Error is not null)
            {
                writer.WriteString("error", result.Error);
                RouteMetrics.SetOutcome(http, result.Error);
            }
            else
            {
                writer.WriteString("access_token", result.AccessToken);
                if (result.IdToken is not null)
                {
                    writer.WriteString("id_token", result.IdToken);
                }

                if (result.RefreshToken is not null)
                {
                    writer.WriteString("refresh_token", result.RefreshToken);
                }

                writer.WriteNumber("expires_in", result.ExpiresIn);
                writer.WriteString("token_type", "Bearer");
            }

            writer.WriteEndObject();
        }

        if (result.Challenge)
        {
            http.Response.Headers.WWWAuthenticate = "Basic";
        }

        // Results.Bytes keeps the status set here and the content type verbatim (Results.Text would lower-case the charset).
        http.Response.StatusCode = result.Status;
        return Results.Bytes(buffer.ToArray(), JsonType);
    }
}
