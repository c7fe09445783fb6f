using System.Text.Json;
using System.Text.Json.Nodes;
using Ninsho.Core.Pools;
using Ninsho.Core.Security;
using Ninsho.Core.SignIn;
using Ninsho.Core.Tokens;
using Ninsho.Core.Triggers;
using Ninsho.Core.Users;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.OAuth;

/// <summary><c>grant_type=client_credentials</c>: an access token for the client itself, with Cognito's claims for
/// machine-to-machine tokens (<c>sub</c> = <c>client_id</c>, <c>version</c> 2, the granted custom scopes, no
/// <c>username</c>), signed with the pool's access-token key; no ID or refresh token.</summary>
internal sealed class ClientCredentialsGrant(
    OAuthScopes scopes, PoolSigningKeys keys, SigningKeyCache keyCache, IIssuerUrls urls, IdGenerator ids, UserPoolService pools, LambdaTriggers triggers,
    TimeProvider clock)
{
    public async Task<OAuthTokenResult> IssueAsync(UserPoolClientType client, OAuthTokenRequest request, CancellationToken ct)
    {
        if (ClientSecretSet.Of(client).Count == 0)
        {
            return OAuthTokenResult.Fail(OAuthErrors.InvalidClient, 400);
        }

        // A client whose OAuth settings are off answers invalid_grant (observed: boto/boto3#3916, aws-sdk-js-v3#7158).
        if (client.AllowedOAuthFlowsUserPoolClient != true)
        {
            return OAuthTokenResult.Fail(OAuthErrors.InvalidGrant);
        }

        if (client.AllowedOAuthFlows?.Contains(OAuthFlowType.client_credentials) != true)
        {
            return OAuthTokenResult.Fail(OAuthErrors.UnauthorizedClient);
        }

        var granted = await scopes.GrantAsync(client, request.Field("scope"), ct);
        if (granted is null)
        {
            return OAuthTokenResult.Fail(OAuthErrors.InvalidScope);
        }

        var poolId = client.UserPoolId!;

        // Pre token generation V3_0 also shapes machine-to-machine tokens (docs/triggers.md#pretokengeneration).
        TokenChanges? changes;
        try
        {
            changes = await PreTokenGeneration.RunAsync(
                triggers, await pools.GetAsync(poolId, ct), PreTokenGeneration.ClientCredentials, userName: null, client.ClientId!,
                attributes: null, GroupClaims.None, granted, ClientMetadata(request), ct);
        }
        catch (FormatException)
        {
            return OAuthTokenResult.Fail(OAuthErrors.InvalidRequest);
        }
        catch (CognitoException)
        {
            // Guessed: a failing function refuses the request as a bad one.
            return OAuthTokenResult.Fail(OAuthErrors.InvalidRequest);
        }

        if (changes is not null)
        {
            granted = [.. changes.Scopes];
        }

        var lifetime = (long)UserPoolClientRules.AccessTokenLifetime(client).TotalSeconds;
        var key = keyCache.Get(TokenIssuer.NewestKey(await keys.GetAsync(poolId, ct), SigningKeyUse.Access, clock.GetUtcNow()));
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var issuer = urls.IssuerFor(poolId);
        var jti = ids.Jti();
        var scope = string.Join(' ', granted);

        // Claim order as in Cognito's client-credentials tokens.
        var token = TokenIssuer.Sign(key, writer =>
        {
            writer.WriteString("sub", client.ClientId);
            writer.WriteString("token_use", "access");
            writer.WriteString("scope", scope);
            writer.WriteNumber("auth_time", now);
            writer.WriteString("iss", issuer);
            writer.WriteNumber("exp", now + lifetime);
            writer.WriteNumber("iat", now);
            writer.WriteNumber("version", 2);
            writer.WriteString("jti", jti);
            writer.WriteString("client_id", client.ClientId);
        }, changes?.AccessToken);
        return new OAuthTokenResult { AccessToken = token, ExpiresIn = lifetime };
    }

    /// <summary><c>aws_client_metadata</c>: a JSON object of strings (the form field is URL-encoded JSON); FormatException
    /// when it is not one.</summary>
    private static Dictionary<string, string>? ClientMetadata(OAuthTokenRequest request)
    {
        if (request.Field("aws_client_metadata") is not { } text)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text) is JsonObject o
                ? o.ToDictionary(p => p.Key, p => p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw new FormatException(), StringComparer.Ordinal)
                : throw new FormatException();
        }
        catch (JsonException e)
        {
            throw new FormatException(e.Message, e);
        }
    }
}
