using Ninsho.Core.Security;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.SignIn;

/// <summary>REFRESH_TOKEN_AUTH / REFRESH_TOKEN and GetTokensFromRefreshToken: new access and ID tokens for a
/// valid (sealed, or stored), unrevoked, unexpired refresh token of the same client (docs/cognito-behaviour.md#refresh-tokens). With
/// <c>rotate</c> (a client that rotates refresh tokens) also a new refresh token, the old one working only
/// for the client's grace period more (docs/compatibility-refresh-rotation.md).</summary>
internal sealed class RefreshTokenSignIn(INinshoStorage storage, SignInTokens tokens, SealedRefreshTokens sealedTokens, IdGenerator ids, TimeProvider clock)
{
    public async Task<AuthenticationResultType> RefreshAsync(
        SignInContext signIn, string? refreshToken, Func<StoredUser, bool>? secretCheck, CancellationToken ct,
        string? deviceKey = null, bool rotate = false)
    {
        if (string.IsNullOrEmpty(refreshToken))
        {
            throw CognitoErrors.MissingAuthParameter("REFRESH_TOKEN");
        }

        var (stored, user, sub) = await FindAsync(signIn, refreshToken, ct);

        // A disabled user hears so (after the client proved its secret), even though disabling also revoked
        // the user's refresh tokens.
        if (user is not null)
        {
            _ = secretCheck?.Invoke(user);
            if (!user.Enabled)
            {
                throw CognitoErrors.UserDisabled();
            }
        }

        var now = clock.GetUtcNow();
        if (stored.RevokedAt is not null)
        {
            throw CognitoErrors.RefreshTokenRevoked();
        }

        if (stored.ExpiresAt <= now)
        {
            throw CognitoErrors.RefreshTokenExpired();
        }

        if (user is null)
        {
            throw CognitoErrors.UserNotFound();
        }

        // Against the sign-in's time, which every token rotation makes from it keeps: a global sign-out also ends the
        // tokens handed out after it by a rotation that raced it.
        if (user.TokensValidAfter is { } after && stored.AuthTime < after)
        {
            throw CognitoErrors.RefreshTokenRevoked();
        }

        if (stored.RotatedUntil is { } until && until <= now)
        {
            throw CognitoErrors.RefreshTokenReused();
        }

        string? replacement = null;
        if (rotate)
        {
            replacement = await RotateAsync(signIn.Client, stored, sub, now, ct);
        }

        // A refresh naming one of the user's devices (as device-tracking clients do) keeps device_key in the access
        // token; a key that is not the user's is left out.
        var device = string.IsNullOrEmpty(deviceKey) ? null : await storage.Devices.FindAsync(signIn.Pool.Id, deviceKey, ct);
        var result = await tokens.RefreshAsync(signIn, user, stored, device?.UsernameKey == user.UsernameKey ? device?.DeviceKey : null, ct);
        return replacement is null ? result : result with { RefreshToken = replacement };
    }

    /// <summary>The token (as a row: a sealed token's fields with its row's state) and its user, in one round trip;
    /// <c>sub</c> is the sealed token's user (null for a stored token). Refuses a token that is not this client's.</summary>
    private async Task<(StoredRefreshToken Token, StoredUser? User, string? Sub)> FindAsync(SignInContext signIn, string refreshToken, CancellationToken ct)
    {
        if (SealedRefreshTokens.IsSealed(refreshToken))
        {
            if (await sealedTokens.OpenAsync(refreshToken, ct) is not ({ } opened, var sub)
                || opened.ClientId != signIn.Client.ClientId || opened.UserPoolId != signIn.Pool.Id)
            {
                throw CognitoErrors.InvalidRefreshToken();
            }

            var state = await storage.RefreshTokens.FindUserWithStateAsync(opened.UserPoolId, opened.UsernameKey, opened.TokenHash, opened.OriginJti, ct);

            // A stored token's row goes with its user; a sealed token ends with its user the same way, also when a new
            // user took the name.
            if (state.User is not { } user || user.Sub != sub)
            {
                throw CognitoErrors.InvalidRefreshToken();
            }

            // A revoked family ends every token of it, rows or none (RevokeToken revokes the family).
            var revokedAt = state.RevokedAt ?? (state.OriginRevoked ? opened.IssuedAt : null);
            return (opened with { RevokedAt = revokedAt, RotatedUntil = state.RotatedUntil }, user, sub);
        }

        // A stored token and its user in one round trip.
        var found = await storage.RefreshTokens.FindWithUserAsync(TokenHasher.Hash(refreshToken), ct);
        if (found is not ({ } stored, var storedUser) || stored.ClientId != signIn.Client.ClientId || stored.UserPoolId != signIn.Pool.Id)
        {
            throw CognitoErrors.InvalidRefreshToken();
        }

        return (stored, storedUser, null);
    }

    /// <summary>Makes the token that replaces <paramref name="stored"/> and starts the old one's grace period. The new
    /// token keeps the sign-in's origin jti, auth time, scopes and expiry. Of concurrent rotations of one token past
    /// its grace period only one wins; the others hear RefreshTokenReuseException (or the revocation that beat them).
    /// A sealed token first gets its row (<paramref name="sub"/> is its user's), which the rotation then marks.</summary>
    private async Task<string> RotateAsync(UserPoolClientType client, StoredRefreshToken stored, string? sub, DateTimeOffset now, CancellationToken ct)
    {
        if (sub is not null)
        {
            _ = await storage.RefreshTokens.AddSealedAsync(stored with { RevokedAt = null, RotatedUntil = null }, sub, ct);
        }

        var fields = stored with { IssuedAt = now, RevokedAt = null, RotatedUntil = null };
        var token = (sub is null ? null : await sealedTokens.SealAsync(fields, sub, ct)) ?? ids.RefreshToken();
        var replacement = fields with { TokenHash = TokenHasher.Hash(token) };
        if (await storage.RefreshTokens.RotateAsync(stored.TokenHash, replacement, now, now + RefreshTokenRotation.GracePeriod(client), ct))
        {
            return token;
        }

        var current = await storage.RefreshTokens.FindAsync(stored.TokenHash, ct);
        throw current switch
        {
            { RevokedAt: not null } => CognitoErrors.RefreshTokenRevoked(),
            { } t when t.ExpiresAt <= now => CognitoErrors.RefreshTokenExpired(),
            _ => CognitoErrors.RefreshTokenReused(),
        };
    }
}
