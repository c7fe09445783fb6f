using Ninsho.Core.Security;
using Ninsho.Core.Serialization;
using Ninsho.Storage;

namespace Ninsho.Core.SignIn;

/// <summary>Refresh tokens that carry their own state, so a sign-in stores nothing (docs/cognito-behaviour.md#refresh-tokens).
/// The token is <see cref="IdGenerator.RefreshTokenHeader"/>, a dot, then what <see cref="SessionSealer"/> makes of the
/// token's fields under the cluster key <c>refresh-token-key</c> (AES-256-GCM; docs/operations.md#key-rotation): pool,
/// client, username key, the user's <c>sub</c> (a user deleted and re-created under the same name does not inherit
/// the token), origin jti, auth time, issue and expiry times, scopes. Only a token whose state changes (revoked,
/// rotated) gets a row, keyed as every row by the SHA-256 of the token string (<see cref="IRefreshTokenStore.AddSealedAsync"/>).
/// The opaque random tokens of earlier versions (43 characters after the dot, stored as rows) keep their path:
/// <see cref="IsSealed"/> tells the two apart.</summary>
internal sealed class SealedRefreshTokens(SealingKeys keys, INinshoStorage storage, TimeProvider clock)
{
    private const string Purpose = "refresh-token";

    /// <summary>The seal itself stays valid this long after the token expires, so an expired token is answered as
    /// expired (not as unknown) for as long as the expired row of a stored token is kept (ExpiredRowSweeper).</summary>
    private static readonly TimeSpan ExpiredGrace = TimeSpan.FromDays(1);

    /// <summary>The length of a stored (random) token: the header, a dot, 256 bits in base64url.</summary>
    private static readonly int RandomTokenLength = IdGenerator.RefreshTokenHeader.Length + 1 + 43;

    /// <summary>True when <paramref name="token"/> has the sealed form (it may still be forged: <see cref="OpenAsync"/> decides).</summary>
    public static bool IsSealed(string token) =>
        token.Length > RandomTokenLength && token.StartsWith(IdGenerator.RefreshTokenHeader, StringComparison.Ordinal)
        && token[IdGenerator.RefreshTokenHeader.Length] == '.';

    /// <summary>The sealed token for <paramref name="token"/> (its <see cref="StoredRefreshToken.TokenHash"/>,
    /// <see cref="StoredRefreshToken.RevokedAt"/> and <see cref="StoredRefreshToken.RotatedUntil"/> are not kept), or
    /// null when its fields do not fit the seal (very long scopes): the caller then stores a random token as before.</summary>
    public async Task<string?> SealAsync(StoredRefreshToken token, string sub, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(token);
        var payload = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new SealedRefreshTokenPayload
        {
            Pool = token.UserPoolId,
            Client = token.ClientId,
            UsernameKey = token.UsernameKey,
            Sub = sub,
            Origin = token.OriginJti,
            AuthTime = token.AuthTime.ToUnixTimeMilliseconds(),
            IssuedAt = token.IssuedAt.ToUnixTimeMilliseconds(),
            ExpiresAt = token.ExpiresAt.ToUnixTimeMilliseconds(),
            Scope = token.Scope,
        }, CoreJsonContext.Default.SealedRefreshTokenPayload);
        if (payload.Length > SessionSealer.MaxPayloadBytes)
        {
            return null;
        }

        var sealer = await keys.RefreshTokenSealerAsync(ct);
        var lifetime = token.ExpiresAt - clock.GetUtcNow() + ExpiredGrace;
        return string.Concat(IdGenerator.RefreshTokenHeader, ".", sealer.Seal(Purpose, payload, lifetime));
    }

    /// <summary>The token's fields as a row (its hash, never revoked or rotated: the store knows whether it is) and
    /// the sub of its user; null when <paramref name="token"/> is not a sealed token this cluster made, or is too old.</summary>
    public async Task<(StoredRefreshToken Token, string Sub)?> OpenAsync(string token, CancellationToken ct)
    {
        if (!IsSealed(token))
        {
            return null;
        }

        var sealer = await keys.RefreshTokenSealerAsync(ct);
        if (sealer.Unseal(Purpose, token[(IdGenerator.RefreshTokenHeader.Length + 1)..], CoreJsonContext.Default.SealedRefreshTokenPayload) is not { } p)
        {
            return null;
        }

        return (new StoredRefreshToken
        {
            TokenHash = TokenHasher.Hash(token),
            UserPoolId = p.Pool,
            ClientId = p.Client,
            UsernameKey = p.UsernameKey,
            OriginJti = p.Origin,
            AuthTime = DateTimeOffset.FromUnixTimeMilliseconds(p.AuthTime),
            IssuedAt = DateTimeOffset.FromUnixTimeMilliseconds(p.IssuedAt),
            ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(p.ExpiresAt),
            Scope = p.Scope,
        }, p.Sub);
    }

    /// <summary>Gives a sealed token of <paramref name="clientId"/> in <paramref name="userPoolId"/> its row (revoked
    /// already when its family is) so that its state can change: before a revocation or a rotation. Nothing for a
    /// stored token (it has its row), a token of another client, or one that does not open.</summary>
    public async Task AddRowAsync(string token, string userPoolId, string clientId, CancellationToken ct)
    {
        if (await OpenAsync(token, ct) is ({ } row, var sub) && row.UserPoolId == userPoolId && row.ClientId == clientId)
        {
            _ = await storage.RefreshTokens.AddSealedAsync(row, sub, ct);
        }
    }
}
