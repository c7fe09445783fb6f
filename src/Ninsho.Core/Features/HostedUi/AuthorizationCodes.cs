using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ninsho.Core.Security;
using Ninsho.Core.Serialization;
using Ninsho.Storage;

namespace Ninsho.Core.Features.HostedUi;

/// <summary>Authorization codes of the code flow: a UUID, as Cognito's, valid for 5 minutes and redeemable once.
/// Only the code's hash is stored, as a pool resource, so every node can redeem it; redeeming deletes the row, and
/// only the node whose delete removed it gets the tokens.</summary>
internal sealed class AuthorizationCodes(INinshoStorage storage, IdGenerator ids, TimeProvider clock)
{
    public const string Kind = "authorization-code";

    /// <summary>Cognito's authorization codes are valid for 5 minutes.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public async Task<string> IssueAsync(AuthorizeGrant grant, StoredUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(user);
        var code = ids.Jti();
        var now = clock.GetUtcNow();
        var body = new IssuedCode
        {
            ClientId = grant.Client.ClientId!,
            UsernameKey = user.UsernameKey,
            RedirectUri = grant.RedirectUri,
            Scope = string.Join(' ', grant.Scopes),
            CodeChallenge = grant.CodeChallenge,
            Nonce = grant.Nonce,
            AuthTime = now,
            ExpiresAt = now + Lifetime,
        };
        _ = await storage.PoolResources.CreateAsync(new StoredPoolResource
        {
            UserPoolId = grant.Pool.Id,
            Kind = Kind,
            Name = TokenHasher.Hash(code),
            BodyJson = JsonSerializer.Serialize(body, CoreJsonContext.Default.IssuedCode),
            CreatedAt = now,
            ModifiedAt = now,
        }, ct);
        return code;
    }

    /// <summary>The code's grant, consumed; null when the code is unknown, already used, expired, or was issued to
    /// another client or redirect URI, or when the PKCE verifier does not match its challenge.</summary>
    public async Task<IssuedCode?> RedeemAsync(string userPoolId, string code, string clientId, string? redirectUri, string? verifier, CancellationToken ct)
    {
        var name = TokenHasher.Hash(code);
        var row = await storage.PoolResources.FindAsync(userPoolId, Kind, name, ct);
        if (row is null || !await storage.PoolResources.DeleteAsync(userPoolId, Kind, name, ct))
        {
            return null;
        }

        var issued = JsonSerializer.Deserialize(row.BodyJson, CoreJsonContext.Default.IssuedCode);
        var valid = issued is not null
            && issued.ExpiresAt > clock.GetUtcNow()
            && issued.ClientId == clientId
            && issued.RedirectUri == redirectUri
            && (issued.CodeChallenge is null || (verifier is not null && Challenge(verifier) == issued.CodeChallenge));
        return valid ? issued : null;
    }

    /// <summary>RFC 7636 S256: BASE64URL(SHA256(ASCII(code_verifier))).</summary>
    public static string Challenge(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
