using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Ninsho.Core.Tokens;
using Ninsho.Protocol.Errors;
using Ninsho.Storage;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>The OpenID tokens of GetOpenIdToken (docs/cognito-behaviour.md#identity-pools): RS256, <c>iss</c> =
/// <c>{public url}/cognito-identity</c>, <c>aud</c> = the identity pool, <c>sub</c> = the identity, <c>amr</c>,
/// valid 10 minutes. One RSA key for the whole server, kept in the shared secret store so every node signs with
/// it; its JWKS is served at <c>{iss}/.well-known/jwks.json</c>.</summary>
internal sealed class IdentityOpenIdTokens(INinshoStorage storage, SigningKeyCache cache, IIssuerUrls urls, TimeProvider clock)
{
    /// <summary>The path segment standing in for a pool id in the issuer; never a user pool id (those have '_').</summary>
    public const string IssuerSegment = "cognito-identity";

    /// <summary>The key of a <c>Logins</c> entry that carries one of these tokens (developer-authenticated
    /// identities hand them to their apps for GetCredentialsForIdentity).</summary>
    public const string ProviderName = "cognito-identity.amazonaws.com";

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly Lazy<Task<StoredSigningKey>> _key = new(() => LoadKeyAsync(storage));

    public string Issuer => urls.PoolUrlFor(IssuerSegment);

    /// <summary>GetOpenIdToken's token for a resolved identity: <c>amr</c> <c>["unauthenticated"]</c> for guests, or
    /// <c>["authenticated", provider…]</c>; valid 10 minutes. Also what an STS gets from GetCredentialsForIdentity
    /// with <c>--sts-endpoint</c>.</summary>
    public Task<string> IssueForAsync(ResolvedIdentity resolved)
    {
        IReadOnlyList<string> amr = resolved.Authenticated
            ? ["authenticated", .. resolved.Identity.Logins]
            : ["unauthenticated"];
        return IssueAsync(resolved.Identity.IdentityPoolId, resolved.Identity.IdentityId, amr);
    }

    /// <summary>A token for the identity, valid <paramref name="lifetime"/> (10 minutes when null). Principal tags
    /// go in the claim STS reads session tags from (<c>https://aws.amazon.com/tags</c>).</summary>
    public async Task<string> IssueAsync(
        string identityPoolId, string identityId, IReadOnlyList<string> amr, TimeSpan? lifetime = null, IReadOnlyDictionary<string, string>? principalTags = null)
    {
        var key = cache.Get(await _key.Value);
        var now = clock.GetUtcNow();
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["sub"] = identityId,
            ["amr"] = amr,
            ["https://cognito-identity.amazonaws.com/identity-pool-arn"] = identityPoolId,
        };
        if (principalTags is { Count: > 0 })
        {
            claims["https://aws.amazon.com/tags"] = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["principal_tags"] = principalTags.ToDictionary(t => t.Key, t => (object)new[] { t.Value }, StringComparer.Ordinal),
            };
        }

        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = identityPoolId,
            IssuedAt = now.UtcDateTime,
            Expires = (now + (lifetime ?? Lifetime)).UtcDateTime,
            SigningCredentials = key.SigningCredentials,
            Claims = claims,
        });
    }

    /// <summary>The identity a token of this server proves for <paramref name="identityPoolId"/>: signature, issuer,
    /// audience and expiry checked, with Cognito's "Invalid login token" messages.</summary>
    public async Task<string> VerifyAsync(string token, string identityPoolId)
    {
        if (token.Length > AccessTokenValidator.MaxTokenLength || !Handler.CanReadToken(token))
        {
            throw CognitoErrors.LoginTokenUnverifiable();
        }

        var stored = await _key.Value;
        var jwt = new JsonWebToken(token);
        var result = await Handler.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKey = cache.Get(stored).SecurityKey,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
        });
        if (!result.IsValid || jwt.Kid != stored.KeyId)
        {
            throw CognitoErrors.LoginTokenUnverifiable();
        }

        if (!jwt.TryGetPayloadValue<string>("iss", out var issuer) || issuer != Issuer)
        {
            throw CognitoErrors.LoginTokenIssuerMismatch();
        }

        if (!jwt.TryGetPayloadValue<string>("aud", out var audience) || audience != identityPoolId)
        {
            throw CognitoErrors.UnsupportedLoginProvider();
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        if (!jwt.TryGetPayloadValue<long>("exp", out var exp) || now >= exp)
        {
            throw CognitoErrors.LoginTokenExpired(now, exp);
        }

        return jwt.TryGetPayloadValue<string>("sub", out var sub) && sub is { Length: > 0 }
            ? sub
            : throw CognitoErrors.LoginTokenMissingSub();
    }

    public async Task<string> JwksAsync() => JwksDocument.Build([await _key.Value], cache);

    private static async Task<StoredSigningKey> LoadKeyAsync(INinshoStorage storage)
    {
        using var rsa = RSA.Create(2048);
        var pkcs8 = await storage.Secrets.GetOrAddAsync("cognito-identity-openid-rsa", rsa.ExportPkcs8PrivateKey(), CancellationToken.None);
        using var stored = RSA.Create();
        stored.ImportPkcs8PrivateKey(pkcs8, out _);
        var kid = Base64UrlEncoder.Encode(SHA256.HashData(stored.ExportSubjectPublicKeyInfo()))[..22];
        return new StoredSigningKey
        {
            UserPoolId = IssuerSegment,
            KeyId = kid,
            Use = SigningKeyUse.Id,
            PrivateKeyPkcs8 = pkcs8,
            CreatedAt = DateTimeOffset.UnixEpoch,
        };
    }
}
