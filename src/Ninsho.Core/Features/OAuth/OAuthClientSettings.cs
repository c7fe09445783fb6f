using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.OAuth;

/// <summary>What CreateUserPoolClient and UpdateUserPoolClient check of a client's OAuth settings: client_credentials
/// alone and only with a secret and custom scopes, and custom scopes that a resource server of the pool defines.</summary>
internal sealed class OAuthClientSettings(OAuthScopes scopes)
{
    private static readonly string[] StandardScopes = ["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"];

    public async Task CheckAsync(string userPoolId, UserPoolClientType client, CancellationToken ct)
    {
        var flows = client.AllowedOAuthFlows ?? [];
        var requested = client.AllowedOAuthScopes ?? [];
        if (flows.Contains(OAuthFlowType.client_credentials))
        {
            if (flows.Any(f => f != OAuthFlowType.client_credentials))
            {
                throw CognitoErrors.ClientCredentialsWithOtherFlows();
            }

            if (client.ClientSecret is null)
            {
                throw CognitoErrors.ClientCredentialsWithoutSecret();
            }

            if (requested.FirstOrDefault(s => !OAuthScopes.IsCustom(s)) is { } standard)
            {
                throw CognitoErrors.StandardScopeWithClientCredentials(standard);
            }
        }

        foreach (var scope in requested)
        {
            var known = OAuthScopes.IsCustom(scope) ? await scopes.ExistsAsync(userPoolId, scope, ct) : StandardScopes.Contains(scope);
            if (!known)
            {
                throw CognitoErrors.ScopeDoesNotExist(scope);
            }
        }
    }
}
