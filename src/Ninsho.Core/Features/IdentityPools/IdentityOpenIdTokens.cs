using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Ninsho.Core.Tokens;
using Ninsho.Storage;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>The OpenID tokens of GetOpenIdToken (cognito-facts.md §9): RS256, <c>iss</c> =
/// <c>{public url}/cognito-identity</c>, <c>aud</c> = the identity pool, <c>sub</c> = the identity, <c>amr</c>,
/// valid 10 minutes. One RSA key for the whole server, kept in the shared secret store so every node signs with
/// it; its JWKS is served at <c>{iss}/.well-known/jwks.json</c>.</summary>
internal sealed class IdentityOpenIdTokens(INinshoStorage storage, SigningKeyCache cache, IIssuerUrls urls, TimeProvider clock)
{
    /// <summary>The path segment standing in for a pool id in the issuer; never a user pool id (those have '_').</summary>
    public const string IssuerSegment = "cognito-identity";

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly Lazy<Task<StoredSigningKey>> _key = new(() => LoadKeyAsync(storage));

    public string Issuer => urls.IssuerFor(IssuerSegment);

    public async Task<string> IssueAsync(string identityPoolId, string identityId, IReadOnlyList<string> amr)
    {
        var key = cache.Get(await _key.Value);
        var now = clock.GetUtcNow();
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = identityPoolId,
            IssuedAt = now.UtcDateTime,
            Expires = (now + Lifetime).UtcDateTime,
            SigningCredentials = key.SigningCredentials,
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["sub"] = identityId,
                ["amr"] = amr,
                ["https://cognito-identity.amazonaws.com/identity-pool-arn"] = identityPoolId,
            },
        });
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
