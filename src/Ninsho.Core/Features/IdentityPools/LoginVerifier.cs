using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Ninsho.Core.Pools;
using Ninsho.Core.SignIn;
using Ninsho.Core.Tokens;
using Ninsho.Core.Users;
using Ninsho.Protocol.Errors;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>Checks the <c>Logins</c> map of GetId, GetCredentialsForIdentity and GetOpenIdToken
/// (docs/cognito-behaviour.md#identity-pools). A user-pool login (<c>cognito-idp.&lt;region&gt;.amazonaws.com/&lt;pool&gt;</c>, or this
/// server's URL of the pool without its scheme: <see cref="UserPoolProviderNames"/>) carries
/// an ID token of one of this server's pools: its signature, issuer (either setting of <c>--issuer</c>), <c>token_use</c>, audience (one of the
/// provider's ClientIds) and expiry are verified; with ServerSideTokenCheck the user must still exist, be enabled
/// and not be signed out. Tokens of outside providers can't be verified offline and are refused.</summary>
internal sealed class LoginVerifier(
    UserPoolService pools, UserDirectory directory, PoolSigningKeys keys, SigningKeyCache keyCache, IIssuerUrls urls, TimeProvider clock,
    IdentityOpenIdTokens openIdTokens, UserPoolProviderNames names)
{
    private static readonly JsonWebTokenHandler Handler = new();

    public async Task<IReadOnlyList<VerifiedLogin>> VerifyAsync(IdentityPoolConfig config, IReadOnlyDictionary<string, string>? logins, CancellationToken ct)
    {
        var verified = new List<VerifiedLogin>();
        foreach (var (provider, token) in logins ?? new Dictionary<string, string>())
        {
            verified.Add(await VerifyOneAsync(config, provider, token, ct));
        }

        return verified;
    }

    /// <summary>Whether a <c>Logins</c> key names a provider this class checks (a user pool, a configured public
    /// provider, or this server's own OpenID tokens) rather than a developer provider.</summary>
    public bool IsProviderKey(IdentityPoolConfig config, string provider) =>
        provider == IdentityOpenIdTokens.ProviderName || names.PoolIdOf(provider) is not null
        || config.Pool.SupportedLoginProviders?.ContainsKey(provider) == true;

    private async Task<VerifiedLogin> VerifyOneAsync(IdentityPoolConfig config, string provider, string token, CancellationToken ct)
    {
        if (provider == IdentityOpenIdTokens.ProviderName)
        {
            var identityId = await openIdTokens.VerifyAsync(token, config.Pool.IdentityPoolId);
            return new VerifiedLogin(provider, string.Empty, identityId);
        }

        // Either name of a user pool (Cognito's, or this server's issuer without its scheme, as Amplify sends it)
        // matches a provider configured under either name.
        var userPoolId = names.PoolIdOf(provider);
        var entry = config.Pool.CognitoIdentityProviders?.FirstOrDefault(p => names.Same(p.ProviderName, provider));
        if (userPoolId is null)
        {
            throw config.Pool.SupportedLoginProviders?.ContainsKey(provider) == true
                ? CognitoErrors.LoginProviderNotVerifiable(provider)
                : CognitoErrors.UnsupportedLoginProvider();
        }

        if (entry is null)
        {
            throw CognitoErrors.UnsupportedLoginProvider();
        }

        var payload = await VerifySignatureAsync(userPoolId, token, ct);
        if (!payload.TryGetPayloadValue<string>("iss", out var issuer) || !urls.IsIssuerOf(issuer, userPoolId))
        {
            throw CognitoErrors.LoginTokenIssuerMismatch();
        }

        if (!payload.TryGetPayloadValue<string>("aud", out var audience) || string.IsNullOrEmpty(audience))
        {
            throw CognitoErrors.LoginTokenMissingAud();
        }

        if (!payload.TryGetPayloadValue<string>("token_use", out var use) || use != "id")
        {
            throw CognitoErrors.LoginTokenNotIdToken();
        }

        if (entry.ClientId is { Length: > 0 } clientId && clientId != audience)
        {
            throw CognitoErrors.UnsupportedLoginProvider();
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        if (!payload.TryGetPayloadValue<long>("exp", out var exp) || now >= exp)
        {
            throw CognitoErrors.LoginTokenExpired(now, exp);
        }

        var sub = payload.TryGetPayloadValue<string>("sub", out var s) ? s : string.Empty;
        if (entry.ServerSideTokenCheck == true)
        {
            await CheckUserAsync(userPoolId, payload, ct);
        }

        // One key per user whichever name the caller used, so both find the same identity.
        var canonical = UserPoolProviderNames.CognitoName(userPoolId);
        return new VerifiedLogin(canonical, canonical + "|" + sub, IdToken: payload);
    }

    private async Task<JsonWebToken> VerifySignatureAsync(string userPoolId, string token, CancellationToken ct)
    {
        if (token.Length > AccessTokenValidator.MaxTokenLength || !Handler.CanReadToken(token))
        {
            throw CognitoErrors.LoginTokenUnverifiable();
        }

        var jwt = new JsonWebToken(token);
        var stored = (await keys.GetAsync(userPoolId, ct)).FirstOrDefault(k => k.KeyId == jwt.Kid);
        if (stored is null)
        {
            throw CognitoErrors.LoginTokenUnverifiable();
        }

        var result = await Handler.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKey = keyCache.Get(stored).SecurityKey,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
        });
        return result.IsValid ? jwt : throw CognitoErrors.LoginTokenUnverifiable();
    }

    private async Task CheckUserAsync(string userPoolId, JsonWebToken payload, CancellationToken ct)
    {
        var username = payload.TryGetPayloadValue<string>("cognito:username", out var u) ? u : null;
        var pool = await pools.FindAsync(userPoolId, ct);
        var user = username is null || pool is null ? null : await directory.FindAsync(pool, username, ct);
        var iat = payload.TryGetPayloadValue<long>("iat", out var i) ? DateTimeOffset.FromUnixTimeSeconds(i) : DateTimeOffset.MinValue;
        if (user is null || !user.Enabled || (user.TokensValidAfter is { } after && iat < DateTimeOffset.FromUnixTimeSeconds(after.ToUnixTimeSeconds())))
        {
            throw CognitoErrors.LoginTokenRevoked();
        }
    }
}
