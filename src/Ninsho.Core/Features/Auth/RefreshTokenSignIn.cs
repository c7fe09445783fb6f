using Ninsho.Core.Features.UserPools;
using Ninsho.Core.Security;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Auth;

/// <summary>REFRESH_TOKEN_AUTH / REFRESH_TOKEN and GetTokensFromRefreshToken: new access and ID tokens for a
/// stored, unrevoked, unexpired refresh token of the same client (docs/cognito-behaviour.md#refresh-tokens).</summary>
internal sealed class RefreshTokenSignIn(INinshoStorage storage, SignInTokens tokens, TimeProvider clock)
{
    public async Task<AuthenticationResultType> RefreshAsync(
        UserPoolSettings pool, UserPoolClientType client, string? refreshToken, Func<StoredUser, bool>? secretCheck, CancellationToken ct,
        string? deviceKey = null)
    {
        if (string.IsNullOrEmpty(refreshToken))
        {
            throw CognitoErrors.InvalidParameter("Missing required parameter REFRESH_TOKEN");
        }

        // The token and its user in one round trip.
        var found = await storage.RefreshTokens.FindWithUserAsync(TokenHasher.Hash(refreshToken), ct);
        if (found is not ({ } stored, var user) || stored.ClientId != client.ClientId || stored.UserPoolId != pool.Id)
        {
            throw CognitoErrors.InvalidRefreshToken();
        }

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
            throw CognitoErrors.NotAuthorized("Refresh Token has expired");
        }

        if (user is null)
        {
            throw CognitoErrors.UserNotFound();
        }

        if (user.TokensValidAfter is { } after && stored.IssuedAt < after)
        {
            throw CognitoErrors.RefreshTokenRevoked();
        }

        // A refresh naming one of the user's devices (as device-tracking clients do) keeps device_key in the access
        // token; a key that is not the user's is left out.
        var device = string.IsNullOrEmpty(deviceKey) ? null : await storage.Devices.FindAsync(pool.Id, deviceKey, ct);
        return await tokens.RefreshAsync(pool, client, user, stored, device?.UsernameKey == user.UsernameKey ? device?.DeviceKey : null, ct);
    }
}
