using Ninsho.Core.Pools;
using Ninsho.Core.Security;
using Ninsho.Core.Tokens;
using Ninsho.Core.Triggers;
using Ninsho.Core.Users;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.SignIn;

/// <summary>Mints what a successful sign-in returns: access and ID tokens signed with the pool's keys, and an
/// opaque refresh token that carries its own state, sealed (<see cref="SealedRefreshTokens"/>), so a sign-in writes no row
/// (docs/cognito-behaviour.md#token-format-and-signing-keys, #refresh-tokens).</summary>
internal sealed class SignInTokens(
    INinshoStorage storage, SealedRefreshTokens sealedTokens, AuthEventRecorder events, GroupService groups, PoolSigningKeys keys, TokenIssuer issuer, IIssuerUrls urls, IdGenerator ids,
    LambdaTriggers triggers, TimeProvider clock)
{
    public Task<AuthenticationResultType> IssueAsync(SignInContext signIn, StoredUser user, CancellationToken ct) =>
        IssueAsync(signIn, user, oauth: null, ct);

    /// <summary>Tokens for a sign-in that involved the device <paramref name="deviceKey"/> (a remembered device's
    /// proof, or the new device the sign-in hands out): the access token carries it as <c>device_key</c>.</summary>
    public Task<AuthenticationResultType> IssueAsync(SignInContext signIn, StoredUser user, string? deviceKey, CancellationToken ct) =>
        IssueAsync(signIn, user, oauth: null, ct, deviceKey);

    /// <summary>Tokens for a sign-in; <paramref name="oauth"/> (the hosted UI's code flow) sets the scopes, which the
    /// refresh token keeps, and the ID token's nonce and at_hash.</summary>
    public async Task<AuthenticationResultType> IssueAsync(
        SignInContext signIn, StoredUser user, OAuthSignIn? oauth, CancellationToken ct, string? deviceKey = null)
    {
        // The hosted UI's pages end with an authorization code; its exchange mints the tokens. The user signed in
        // here, so post authentication runs now, and its refusal keeps the code from being issued
        // (docs/triggers.md#postauthentication).
        if (signIn.Finish is { } finish)
        {
            await PostAuthentication.RunAsync(triggers, signIn, user, rememberedDevice: false, ct);
            await finish.RunAsync(user, ct);
            return new AuthenticationResultType();
        }

        var now = clock.GetUtcNow();
        var originJti = ids.OriginJti(now);
        var source = oauth is null ? signIn.TokenSource : PreTokenGeneration.HostedAuth;
        var authTime = oauth?.AuthTime ?? now;
        var result = await MintAsync(signIn, user, authTime, originJti, oauth, deviceKey, source, ct);

        // Pre token generation ran in MintAsync, post authentication follows it, and only then is the refresh token
        // stored: a refusal leaves nothing behind (docs/triggers.md#postauthentication). The hosted UI ran it when
        // the sign-in ended on its pages, so its code exchange and implicit tokens do not run it again.
        if (oauth is null)
        {
            await PostAuthentication.RunAsync(triggers, signIn, user, source == PreTokenGeneration.AuthenticateDevice, ct);
        }

        if (oauth is { Implicit: true })
        {
            // The implicit flow hands out no refresh token, so none is stored.
            await events.SignedInAsync(signIn, user, ct);
            return result;
        }

        var refresh = new StoredRefreshToken
        {
            TokenHash = string.Empty,
            UserPoolId = signIn.Pool.Id,
            ClientId = signIn.Client.ClientId!,
            UsernameKey = user.UsernameKey,
            OriginJti = originJti,

            // The refresh token's time is what a global sign-out ends tokens by (RefreshTokenSignIn): a session's sign-in
            // older than the user's last global sign-out is not, so its new tokens start their own time then.
            AuthTime = user.TokensValidAfter is { } after && authTime < after ? now : authTime,
            IssuedAt = now,
            ExpiresAt = now + UserPoolClientRules.RefreshTokenLifetime(signIn.Client),
            Scope = oauth?.Scope,
        };

        // Sealed: nothing to store. Only fields too long for a seal (scopes by the hundred) fall back to a stored token.
        var refreshToken = await sealedTokens.SealAsync(refresh, user.Sub, ct);
        if (refreshToken is null)
        {
            refreshToken = ids.RefreshToken();
            await storage.RefreshTokens.AddAsync(refresh with { TokenHash = TokenHasher.Hash(refreshToken) }, ct);
        }

        await events.SignedInAsync(signIn, user, ct);
        return result with { RefreshToken = refreshToken };
    }

    /// <summary>New access and ID tokens for a refresh: same origin jti and auth time, no new refresh token; the
    /// access token names <paramref name="deviceKey"/> (the user's device the refresh named) when given.</summary>
    public Task<AuthenticationResultType> RefreshAsync(
        SignInContext signIn, StoredUser user, StoredRefreshToken refresh, string? deviceKey, CancellationToken ct) =>
        MintAsync(signIn, user, refresh.AuthTime, refresh.OriginJti, refresh.Scope is { } scope ? new OAuthSignIn(scope, Nonce: null) : null, deviceKey,
            PreTokenGeneration.RefreshTokens, ct);

    private async Task<AuthenticationResultType> MintAsync(
        SignInContext signIn, StoredUser user, DateTimeOffset authTime, string originJti, OAuthSignIn? oauth, string? deviceKey, string source,
        CancellationToken ct)
    {
        var accessLifetime = UserPoolClientRules.AccessTokenLifetime(signIn.Client);
        var claims = await groups.ClaimsForAsync(signIn.Pool.Id, user.UsernameKey, ct);
        var scope = oauth?.Scope ?? TokenIssueRequest.NativeApiScope;
        var changes = await PreTokenGeneration.RunAsync(
            triggers, signIn.Pool, source, user.Username, signIn.Client.ClientId!, SignedInUserAttributes.Of(user), claims,
            scope.Split(' ', StringSplitOptions.RemoveEmptyEntries), signIn.TriggerClientMetadata, ct);
        if (changes is not null)
        {
            claims = changes.Groups;
            scope = string.Join(' ', changes.Scopes);
        }

        var issued = issuer.Issue(new TokenIssueRequest
        {
            Issuer = urls.IssuerFor(signIn.Pool.Id),
            SigningKeys = await keys.GetAsync(signIn.Pool.Id, ct),
            ClientId = signIn.Client.ClientId!,
            Sub = user.Sub,
            Username = user.Username,
            Attributes = ClientAttributeAccess.ForIdToken(signIn.Client, user),
            Groups = claims.Groups,
            Roles = claims.Roles,
            PreferredRole = claims.PreferredRole,
            AuthTime = authTime,
            OriginJti = originJti,
            EventId = ids.EventId(),
            AccessTokenLifetime = accessLifetime,
            IdTokenLifetime = UserPoolClientRules.IdTokenLifetime(signIn.Client),
            Scope = scope,
            Version = oauth is null ? null : 2,
            Nonce = oauth?.Nonce,
            IncludeAtHash = oauth is not null,
            DeviceKey = deviceKey,
            IdTokenOverrides = changes?.IdToken,
            AccessTokenOverrides = changes?.AccessToken,
        });
        return new AuthenticationResultType
        {
            AccessToken = issued.AccessToken,
            ExpiresIn = (int)accessLifetime.TotalSeconds,
            TokenType = "Bearer",
            IdToken = issued.IdToken,
        };
    }
}
