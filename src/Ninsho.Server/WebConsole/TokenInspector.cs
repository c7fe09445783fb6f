using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ninsho.Core;
using Ninsho.Core.Features.WellKnown;

namespace Ninsho.Server.WebConsole;

/// <summary>The tokens page: decodes a JWT and checks it as a relying party would (aws-jwt-verify's checks): the
/// RS256 signature against the key of the pool's JWKS that <c>kid</c> names, <c>exp</c> against the server's clock,
/// <c>iss</c> against the pool's issuer, the audience (<c>aud</c> of an ID token, <c>client_id</c> of an access
/// token) against the pool's app clients (DescribeUserPoolClient). Revocation is what the API says: an access token
/// is handed to GetUser, whose answer (revoked by sign-out, by RevokeToken, a disabled user…) is shown as it is.</summary>
internal sealed class TokenInspector(IWellKnownDocuments documents, IIssuerUrls urls, TimeProvider clock, ConsoleCognito cognito)
{
    private const int MaxTokenLength = 16 * 1024;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task<TokenView> InspectAsync(string token, CancellationToken ct)
    {
        token = token.Trim();
        var parts = token.Split('.');
        if (token.Length > MaxTokenLength || parts.Length != 3)
        {
            return TokenView.Empty with { Token = token, Problem = "Not a JWT: a JWT is three base64url parts separated by dots." };
        }

        var header = Decode(parts[0]) as JsonObject;
        var claims = Decode(parts[1]) as JsonObject;
        if (header is null || claims is null)
        {
            return TokenView.Empty with { Token = token, Problem = "The header or the payload is not base64url-encoded JSON." };
        }

        var checks = new List<TokenCheck>();
        var issuer = J.S(claims, "iss");
        var poolId = issuer.Contains('/', StringComparison.Ordinal) ? issuer[(issuer.LastIndexOf('/') + 1)..] : "";
        var jwks = poolId.Length > 0 ? await documents.JwksAsync(poolId, ct) : null;
        checks.Add(jwks is not null && urls.IsIssuerOf(issuer, poolId)
            ? new TokenCheck("Issuer", true, $"{issuer} is pool {poolId}" + (issuer == urls.IssuerFor(poolId) ? "" : " (the other issuer form of this server)"))
            : new TokenCheck("Issuer", false, issuer.Length == 0 ? "The token has no iss claim." : $"{issuer} is no pool of this server."));
        if (jwks is not null)
        {
            checks.Add(Signature(parts, J.S(header, "alg"), J.S(header, "kid"), jwks));
        }

        checks.Add(Expiry(claims));
        var use = J.S(claims, "token_use");
        var clientId = use == "access" ? J.S(claims, "client_id") : J.S(claims, "aud");
        if (jwks is not null && clientId.Length > 0)
        {
            var client = await cognito.IdpAsync("DescribeUserPoolClient", new JsonObject { ["UserPoolId"] = poolId, ["ClientId"] = clientId }, ct);
            checks.Add(client.Ok
                ? new TokenCheck(use == "access" ? "client_id" : "Audience", true, $"{clientId} is the app client '{J.S(client.Body, "UserPoolClient", "ClientName")}'")
                : new TokenCheck(use == "access" ? "client_id" : "Audience", false, $"{clientId}: {client.Error}"));
        }

        if (use == "access")
        {
            var answer = await cognito.IdpAsync("GetUser", new JsonObject { ["AccessToken"] = token }, ct);
            checks.Add(answer.Ok
                ? new TokenCheck("Revocation", true, $"GetUser accepts the token (user {J.S(answer.Body, "Username")}): not signed out, not revoked.")
                : new TokenCheck("Revocation", false, $"GetUser refuses it: {answer.Error}"));
        }
        else
        {
            checks.Add(new TokenCheck("Revocation", null, "Only access tokens are checked: the API takes no ID token, and Cognito revokes none."));
        }

        return new TokenView(token, header.ToJsonString(Indented), Pretty(claims), null, checks);
    }

    private TokenCheck Expiry(JsonObject claims)
    {
        if (claims["exp"] is not JsonValue exp || !exp.TryGetValue<long>(out var seconds))
        {
            return new TokenCheck("Expiry", false, "The token has no numeric exp claim.");
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(seconds);
        var now = clock.GetUtcNow();
        var when = expires.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return now < expires
            ? new TokenCheck("Expiry", true, $"valid until {when} ({(expires - now).TotalMinutes:0} min from the server's clock)")
            : new TokenCheck("Expiry", false, $"expired at {when} by the server's clock");
    }

    private static TokenCheck Signature(string[] parts, string alg, string kid, string jwks)
    {
        if (alg != "RS256")
        {
            return new TokenCheck("Signature", false, $"alg is '{alg}'; the pool signs with RS256.");
        }

        using var document = JsonDocument.Parse(jwks);
        foreach (var key in document.RootElement.GetProperty("keys").EnumerateArray())
        {
            if (key.GetProperty("kid").GetString() != kid)
            {
                continue;
            }

            using var rsa = RSA.Create(new RSAParameters
            {
                Modulus = Base64Url.DecodeFromChars(key.GetProperty("n").GetString()),
                Exponent = Base64Url.DecodeFromChars(key.GetProperty("e").GetString()),
            });
            var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            var valid = TryDecode(parts[2], out var signature)
                && rsa.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            return new TokenCheck("Signature", valid, valid ? $"RS256 by the pool's key {kid}" : $"does not verify with the pool's key {kid}");
        }

        return new TokenCheck("Signature", false, $"The pool's JWKS has no key '{kid}'.");
    }

    private static JsonNode? Decode(string part)
    {
        if (!TryDecode(part, out var bytes))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(bytes);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryDecode(string part, out byte[] bytes)
    {
        try
        {
            bytes = Base64Url.DecodeFromChars(part);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }

    /// <summary>The claims indented, with the time claims' dates beside them.</summary>
    private static string Pretty(JsonObject claims)
    {
        var text = new StringBuilder(claims.ToJsonString(Indented));
        foreach (var name in new[] { "auth_time", "iat", "exp" })
        {
            if (claims[name] is JsonValue v && v.TryGetValue<long>(out var seconds))
            {
                _ = text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n{name}: {DateTimeOffset.FromUnixTimeSeconds(seconds):yyyy-MM-dd HH:mm:ss'Z'}");
            }
        }

        return text.ToString();
    }
}
