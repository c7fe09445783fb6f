using System.Security.Cryptography;
using System.Text;
using Ninsho.Core.Features.HostedUi;
using Ninsho.Core.Pools;
using Ninsho.Core.Security;
using Ninsho.Core.SignIn;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.OAuth;

/// <summary><c>POST /oauth2/token</c>: authenticates the client (Basic header or <c>client_id</c>/<c>client_secret</c>
/// fields, any current secret), then runs the grant. The client id names the pool, so one URL serves every pool;
/// a request through a domain path must use a client of that domain's pool.</summary>
internal sealed class OAuthTokenEndpoint(INinshoStorage storage, SealedRefreshTokens sealedTokens, TimeProvider clock, UserPoolClientService clients, ClientCredentialsGrant clientCredentials, RefreshTokenGrant refreshToken, AuthorizationCodeGrant authorizationCode)
    : IOAuthTokenEndpoint
{
    public async Task<OAuthTokenResult> TokenAsync(OAuthTokenRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var grantType = request.Field("grant_type");
        if (grantType is null)
        {
            return OAuthTokenResult.Fail(OAuthErrors.InvalidRequest);
        }

        if (grantType is not ("client_credentials" or "refresh_token" or "authorization_code"))
        {
            return OAuthTokenResult.Fail(OAuthErrors.UnsupportedGrantType);
        }

        var (client, failure) = await AuthenticateAsync(request, ct);
        if (failure is not null)
        {
            return failure;
        }

        return grantType switch
        {
            "refresh_token" => await refreshToken.IssueAsync(client!, request, ct),
            "authorization_code" => await authorizationCode.IssueAsync(client!, request, ct),
            _ => await clientCredentials.IssueAsync(client!, request, ct),
        };
    }

    public async Task<OAuthTokenResult> RevokeAsync(OAuthTokenRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Field("token") is not { } token)
        {
            return OAuthTokenResult.Fail(OAuthErrors.InvalidRequest);
        }

        var (client, failure) = await AuthenticateAsync(request, ct);
        if (failure is not null)
        {
            return failure;
        }

        // Access and ID tokens cannot be revoked one by one (RFC 7009 §2.2.1); Cognito answers unsupported_token_type.
        if (client!.EnableTokenRevocation == false || token.Split('.').Length == 3)
        {
            return OAuthTokenResult.Fail(OAuthErrors.UnsupportedTokenType);
        }

        // A sealed token has a row only once its state changed: give it one to revoke.
        await sealedTokens.AddRowAsync(token, client.UserPoolId!, client.ClientId!, ct);
        var hash = TokenHasher.Hash(token);
        var stored = await storage.RefreshTokens.FindAsync(hash, ct);
        if (stored is not null && stored.ClientId == client.ClientId && stored.RevokedAt is null)
        {
            _ = await storage.RefreshTokens.RevokeAsync(hash, clock.GetUtcNow(), ct);
        }

        return OAuthTokenResult.Revoked;
    }

    private async Task<(UserPoolClientType? Client, OAuthTokenResult? Failure)> AuthenticateAsync(OAuthTokenRequest request, CancellationToken ct)
    {
        var byHeader = request.BasicClientId is not null;
        var bodyId = request.Field("client_id");
        var clientId = request.BasicClientId ?? bodyId;
        if (clientId is null)
        {
            return (null, OAuthTokenResult.Fail(OAuthErrors.InvalidRequest));
        }

        var invalid = OAuthTokenResult.Fail(OAuthErrors.InvalidClient, byHeader ? 401 : 400, challenge: byHeader);
        if (byHeader && bodyId is not null && bodyId != clientId)
        {
            return (null, invalid);
        }

        var stored = await storage.Clients.FindAsync(clientId, ct);
        if (stored is null || (request.Domain is not null && !await DomainServesAsync(request.Domain, stored.UserPoolId, ct)))
        {
            return (null, invalid);
        }

        var client = await clients.DescribeAsync(stored);
        var secret = request.BasicClientSecret ?? request.Field("client_secret");
        var secrets = ClientSecretSet.Of(client);
        if (secrets.Count == 0 ? secret is not null : !Matches(secrets, secret))
        {
            return (null, invalid);
        }

        return (client, null);
    }

    private async Task<bool> DomainServesAsync(string domain, string userPoolId, CancellationToken ct) =>
        (await storage.Domains.FindAsync(domain, ct))?.UserPoolId == userPoolId;

    private static bool Matches(IReadOnlyList<ClientSecretEntry> secrets, string? given)
    {
        if (given is null)
        {
            return false;
        }

        var givenBytes = Encoding.UTF8.GetBytes(given);
        return secrets.Any(s => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(s.Value), givenBytes));
    }
}
