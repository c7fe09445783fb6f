using Ninsho.Core.Features.IdentityProviders;
using Ninsho.Core.Features.OAuth;
using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.UserPoolClients;

/// <summary>UpdateUserPoolClient: as in Cognito, settings left out return to their defaults; the secret stays.</summary>
internal sealed class UpdateUserPoolClientHandler(
    INinshoStorage storage, UserPoolService pools, UserPoolClientService clients, IdentityProviderService providers, OAuthClientSettings oauth, TimeProvider clock)
    : IOperationHandler<UpdateUserPoolClientRequest, UpdateUserPoolClientResponse>
{
    public async Task<UpdateUserPoolClientResponse> HandleAsync(UpdateUserPoolClientRequest r, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(r.UserPoolId, ct);
        var stored = await storage.Clients.FindAsync(r.ClientId, ct);
        if (stored is null || stored.UserPoolId != r.UserPoolId)
        {
            throw CognitoErrors.ClientNotFound(r.ClientId);
        }

        UserPoolClientRules.CheckFlows(r.ExplicitAuthFlows);
        ClientAttributeNames.Check(pool, r.ReadAttributes, r.WriteAttributes, creating: false);
        await providers.CheckSupportedAsync(pool, r.SupportedIdentityProviders, ct);
        var old = await clients.DescribeAsync(stored);
        var config = old with
        {
            RefreshTokenValidity = r.RefreshTokenValidity is null or 0 ? 30 : r.RefreshTokenValidity,
            AccessTokenValidity = r.AccessTokenValidity,
            IdTokenValidity = r.IdTokenValidity,
            TokenValidityUnits = r.TokenValidityUnits ?? new TokenValidityUnitsType(),
            ReadAttributes = r.ReadAttributes,
            WriteAttributes = r.WriteAttributes,
            ExplicitAuthFlows = r.ExplicitAuthFlows,
            SupportedIdentityProviders = r.SupportedIdentityProviders,
            CallbackURLs = r.CallbackURLs,
            LogoutURLs = r.LogoutURLs,
            DefaultRedirectURI = r.DefaultRedirectURI,
            AllowedOAuthFlows = r.AllowedOAuthFlows,
            AllowedOAuthScopes = r.AllowedOAuthScopes,
            AllowedOAuthFlowsUserPoolClient = r.AllowedOAuthFlowsUserPoolClient ?? false,
            AnalyticsConfiguration = r.AnalyticsConfiguration,
            PreventUserExistenceErrors = r.PreventUserExistenceErrors,
            EnableTokenRevocation = r.EnableTokenRevocation ?? true,
            EnablePropagateAdditionalUserContextData = r.EnablePropagateAdditionalUserContextData ?? false,
            AuthSessionValidity = r.AuthSessionValidity ?? 3,
            RefreshTokenRotation = r.RefreshTokenRotation,
        };
        UserPoolClientRules.CheckValidity(config);
        await oauth.CheckAsync(r.UserPoolId, config, ct);
        var updated = stored with
        {
            Name = r.ClientName ?? stored.Name,
            ModifiedAt = clock.GetUtcNow(),
            ConfigJson = await clients.SerializeAsync(stored.ClientId, config, ClientSecretSet.Of(old)),
        };
        return await storage.Clients.UpdateAsync(updated, ct) switch
        {
            UpdateResult.Updated => new UpdateUserPoolClientResponse { UserPoolClient = await clients.DescribeAsync(updated with { Version = stored.Version + 1 }) },
            UpdateResult.NotFound => throw CognitoErrors.ClientNotFound(r.ClientId),
            _ => throw CognitoErrors.ConcurrentModification(),
        };
    }
}
