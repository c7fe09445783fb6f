using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ninsho.Core.Features.Federation;

/// <summary>Sign in with Apple takes no fixed client secret: the client signs a short JWT with its private key
/// (ES256, header <c>kid</c> = the key id; <c>iss</c> = the team id, <c>sub</c> = the Services ID,
/// <c>aud</c> = <c>https://appleid.apple.com</c>), as Apple's "Creating a client secret" describes and as Cognito
/// does with the provider's <c>team_id</c>, <c>key_id</c> and <c>private_key</c> (docs/federation.md).</summary>
internal static class AppleClientSecret
{
    public static string Create(IReadOnlyDictionary<string, string> details, TimeProvider clock)
    {
        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(details.GetValueOrDefault("private_key"));
        }
        catch (ArgumentException e)
        {
            throw new FederationFailure("SignInWithApple Error - the private_key is not a PEM EC private key", e);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var signing = new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = details.GetValueOrDefault("key_id") }, SecurityAlgorithms.EcdsaSha256);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = details.GetValueOrDefault("team_id"),
            Audience = "https://appleid.apple.com",
            Subject = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("sub", details.GetValueOrDefault("client_id") ?? string.Empty)]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = signing,
        });
    }
}
