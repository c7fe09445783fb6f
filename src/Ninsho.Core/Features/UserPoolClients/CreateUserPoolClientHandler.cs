using Ninsho.Core.Features.IdentityProviders;
using Ninsho.Core.Features.OAuth;
using Ninsho.Core.Pools;
using Ninsho.Core.Security;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.UserPoolClients;

/// <summary>CreateUserPoolClient, with the defaults a minimal client reads back with (seed 001); a client name
/// <c>_custom_id_=ID</c> chooses the id (<see cref="CustomIds"/>).</summary>
internal sealed class CreateUserPoolClientHandler(
    INinshoStorage storage,
    UserPoolService pools,
    UserPoolClientService clients,
    IdentityProviderService providers,
    OAuthClientSettings oauth,
    IdGenerator ids,
    TimeProvider clock)
    : IOperationHandler<CreateUserPoolClientRequest, CreateUserPoolClientResponse>
{
    public async Task<CreateUserPoolClientResponse> HandleAsync(CreateUserPoolClientRequest r, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(r.UserPoolId, ct);
        UserPoolClientRules.CheckFlows(r.ExplicitAuthFlows);
        ClientAttributeNames.Check(pool, r.ReadAttributes, r.WriteAttributes, creating: true);
        await providers.CheckSupportedAsync(pool, r.SupportedIdentityProviders, ct);
        var secret = r.ClientSecret ?? (r.GenerateSecret == true ? ids.ClientSecret() : null);
        var config = new UserPoolClientType
        {
            ClientSecret = secret,
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
        await oauth.CheckAsync(pool.Id, config, ct);

        var now = clock.GetUtcNow();
        var customId = CustomIds.ClientId(r.ClientName);
        var clientId = customId ?? ids.ClientId();
        var stored = new StoredUserPoolClient
        {
            ClientId = clientId,
            UserPoolId = pool.Id,
            Name = customId ?? r.ClientName,
            CreatedAt = now,
            ModifiedAt = now,
            ConfigJson = await clients.SerializeAsync(clientId, config, secret is null ? [] : [ClientSecretEntry.Create(clientId, secret, now)]),
        };
        if (await storage.Clients.CreateAsync(stored, ct) != CreateResult.Created)
        {
            throw customId is null ? CognitoErrors.ConcurrentModification() : CognitoErrors.ClientIdTaken(customId);
        }

        clients.Forget(clientId);
        return new CreateUserPoolClientResponse { UserPoolClient = await clients.DescribeAsync(stored) };
    }
}
