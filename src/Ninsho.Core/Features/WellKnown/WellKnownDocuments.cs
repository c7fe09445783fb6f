using System.Text.Json;
using Ninsho.Core.Features.IdentityPools;
using Ninsho.Core.Pools;
using Ninsho.Core.SignIn;
using Ninsho.Core.Tokens;

namespace Ninsho.Core.Features.WellKnown;

/// <summary>The per-pool discovery documents: <c>/.well-known/jwks.json</c> and <c>openid-configuration</c>
/// (docs/cognito-behaviour.md#token-format-and-signing-keys), and the JWKS of identity-pool OpenID tokens under <c>/cognito-identity/</c>.</summary>
internal sealed class WellKnownDocuments(UserPoolService pools, PoolSigningKeys keys, IIssuerUrls urls, IdentityOpenIdTokens identityTokens)
    : IWellKnownDocuments
{
    public async Task<string?> JwksAsync(string userPoolId, CancellationToken ct)
    {
        if (userPoolId == IdentityOpenIdTokens.IssuerSegment)
        {
            return await identityTokens.JwksAsync();
        }

        var pool = await pools.FindAsync(userPoolId, ct);
        return pool is null ? null : JwksDocument.Build(await keys.GetAsync(pool.Id, ct));
    }

    public async Task<byte[]?> OpenIdConfigurationAsync(string userPoolId, CancellationToken ct)
    {
        var pool = await pools.FindAsync(userPoolId, ct);
        if (pool is null)
        {
            return null;
        }

        // The issuer is the tokens' (Cognito's own with --issuer aws); the documents are this server's
        // (docs/compatibility-issuer.md).
        var issuer = urls.IssuerFor(pool.Id);

        // The OAuth endpoints are served at the server's root (Cognito serves them on the pool's domain).
        var oauth = urls.PublicBaseUrl + "/oauth2";
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("authorization_endpoint", oauth + "/authorize");
            // openid-client's tokenRevocation and buildEndSessionUrl need these two (docs/compatibility.md).
            w.WriteString("end_session_endpoint", urls.PublicBaseUrl + "/logout");
            w.WriteStartArray("id_token_signing_alg_values_supported");
            w.WriteStringValue("RS256");
            w.WriteEndArray();
            w.WriteString("issuer", issuer);
            w.WriteString("jwks_uri", urls.PoolUrlFor(pool.Id) + "/.well-known/jwks.json");
            WriteArray(w, "response_types_supported", "code");
            w.WriteString("revocation_endpoint", oauth + "/revoke");
            WriteArray(w, "scopes_supported", "openid", "email", "phone", "profile");
            WriteArray(w, "subject_types_supported", "public");
            w.WriteString("token_endpoint", oauth + "/token");
            WriteArray(w, "token_endpoint_auth_methods_supported", "client_secret_basic", "client_secret_post");
            w.WriteString("userinfo_endpoint", oauth + "/userInfo");
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteArray(Utf8JsonWriter w, string name, params string[] values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }
}
