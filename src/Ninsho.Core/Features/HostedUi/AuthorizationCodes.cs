using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ninsho.Core.Security;
using Ninsho.Core.Serialization;
using Ninsho.Storage;

namespace Ninsho.Core.Features.HostedUi;

/// <summary>Authorization codes of the code flow: a UUID, as Cognito's, valid for 5 minutes and redeemable once.
/// Only the code's hash is stored, as a pool resource, so every node can redeem it. A code is spent only once its
/// client, redirect URI and PKCE verifier have been checked, by a versioned update of its row: of two nodes
/// redeeming it together, one update wins. The spent row stays until the code would have expired, and records the
/// refresh token the exchange gave, so that presenting the code again revokes that token, and with it the access
/// tokens minted from it (RFC 6749 §4.1.2; docs/security-hosted-ui.md).</summary>
internal sealed class AuthorizationCodes(INinshoStorage storage, IdGenerator ids, TimeProvider clock)
{
    public const string Kind = "authorization-code";

    /// <summary>Cognito's authorization codes are valid for 5 minutes.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>How often a versioned update of a code's row is retried against concurrent ones.</summary>
    private const int Attempts = 5;

    public async Task<string> IssueAsync(AuthorizeGrant grant, StoredUser user, DateTimeOffset? authTime, CancellationToken ct)
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
            AuthTime = authTime ?? now,
            ExpiresAt = now + Lifetime,
        };
        _ = await storage.PoolResources.CreateAsync(new StoredPoolResource
        {
            UserPoolId = grant.Pool.Id,
            Kind = Kind,
            Name = TokenHasher.Hash(code),
            BodyJson = Serialize(body),
            CreatedAt = now,
            ModifiedAt = now,
        }, ct);
        return code;
    }

    /// <summary>The code's grant, now spent; null when the code is unknown, expired, issued to another client or
    /// redirect URI, or the PKCE verifier does not match its challenge (the code is then left unspent), or when it
    /// was already redeemed (what it gave is then revoked). The caller issues the tokens, then calls
    /// <see cref="RecordAsync"/>.</summary>
    public async Task<RedeemedCode?> RedeemAsync(string userPoolId, string code, string clientId, string? redirectUri, string? verifier, CancellationToken ct)
    {
        var name = TokenHasher.Hash(code);
        var row = await storage.PoolResources.FindAsync(userPoolId, Kind, name, ct);
        var issued = row is null ? null : JsonSerializer.Deserialize(row.BodyJson, CoreJsonContext.Default.IssuedCode);
        if (row is null || issued is null)
        {
            return null;
        }

        if (issued.RedeemedAt is not null)
        {
            await RevokeReplayedAsync(userPoolId, name, ct);
            return null;
        }

        var now = clock.GetUtcNow();
        var valid = issued.ExpiresAt > now
            && issued.ClientId == clientId
            && issued.RedirectUri == redirectUri
            && (issued.CodeChallenge is null || (verifier is not null && Challenge(verifier) == issued.CodeChallenge));
        if (!valid)
        {
            return null;
        }

        var spent = row with { BodyJson = Serialize(issued with { RedeemedAt = now }), ModifiedAt = now };
        if (await storage.PoolResources.UpdateAsync(spent, ct) != UpdateResult.Updated)
        {
            // Another request spent it between the read and the update: this one is the second presentation.
            await RevokeReplayedAsync(userPoolId, name, ct);
            return null;
        }

        return new RedeemedCode(userPoolId, name, issued);
    }

    /// <summary>Records the refresh token the exchange of <paramref name="redeemed"/> gave. False when the code was
    /// presented again in the meantime: the token is then revoked, and the exchange must refuse.</summary>
    public async Task<bool> RecordAsync(RedeemedCode redeemed, string refreshTokenHash, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(redeemed);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var row = await storage.PoolResources.FindAsync(redeemed.UserPoolId, Kind, redeemed.Name, ct);
            var issued = row is null ? null : JsonSerializer.Deserialize(row.BodyJson, CoreJsonContext.Default.IssuedCode);
            if (row is null || issued is null)
            {
                // Swept: nothing can present the code any more.
                return true;
            }

            if (issued.Replayed)
            {
                break;
            }

            var recorded = row with { BodyJson = Serialize(issued with { RefreshTokenHash = refreshTokenHash }), ModifiedAt = clock.GetUtcNow() };
            if (await storage.PoolResources.UpdateAsync(recorded, ct) == UpdateResult.Updated)
            {
                return true;
            }
        }

        _ = await storage.RefreshTokens.RevokeAsync(refreshTokenHash, clock.GetUtcNow(), ct);
        return false;
    }

    /// <summary>A spent code presented again: revokes the refresh token its exchange recorded, or, while that
    /// exchange is still under way, marks the code so that the exchange revokes it (<see cref="RecordAsync"/>).</summary>
    private async Task RevokeReplayedAsync(string userPoolId, string name, CancellationToken ct)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var row = await storage.PoolResources.FindAsync(userPoolId, Kind, name, ct);
            var issued = row is null ? null : JsonSerializer.Deserialize(row.BodyJson, CoreJsonContext.Default.IssuedCode);
            if (row is null || issued is null || issued.Replayed)
            {
                return;
            }

            if (issued.RefreshTokenHash is { } hash)
            {
                _ = await storage.RefreshTokens.RevokeAsync(hash, clock.GetUtcNow(), ct);
                return;
            }

            var marked = row with { BodyJson = Serialize(issued with { Replayed = true }), ModifiedAt = clock.GetUtcNow() };
            if (await storage.PoolResources.UpdateAsync(marked, ct) == UpdateResult.Updated)
            {
                return;
            }
        }
    }

    private static string Serialize(IssuedCode code) => JsonSerializer.Serialize(code, CoreJsonContext.Default.IssuedCode);

    /// <summary>RFC 7636 S256: BASE64URL(SHA256(ASCII(code_verifier))).</summary>
    public static string Challenge(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
