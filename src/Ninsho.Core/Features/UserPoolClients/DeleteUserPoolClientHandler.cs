using Ninsho.Core.Features.ManagedLoginBranding;
using Ninsho.Core.Features.PoolConfiguration;
using Ninsho.Core.Features.Terms;
using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.UserPoolClients;

/// <summary>DeleteUserPoolClient; its refresh tokens, its own UI customization and risk configuration, its terms
/// documents and its branding style go with it.</summary>
internal sealed class DeleteUserPoolClientHandler(
    INinshoStorage storage, UserPoolService pools, TermsService terms, ManagedLoginBrandingService brandings)
    : IOperationHandler<DeleteUserPoolClientRequest, EmptyResult>
{
    public async Task<EmptyResult> HandleAsync(DeleteUserPoolClientRequest request, OperationContext context, CancellationToken ct)
    {
        _ = await pools.GetAsync(request.UserPoolId, ct);
        var stored = await storage.Clients.FindAsync(request.ClientId, ct);
        if (stored is null || stored.UserPoolId != request.UserPoolId)
        {
            throw CognitoErrors.ClientNotFound(request.ClientId);
        }

        _ = await storage.Clients.DeleteAsync(request.ClientId, ct);
        await ClientScope.DeleteClientSettingsAsync(storage, request.UserPoolId, request.ClientId, ct);
        await terms.DeleteForClientAsync(request.UserPoolId, request.ClientId, ct);
        await brandings.DeleteForClientAsync(request.UserPoolId, request.ClientId, ct);
        return EmptyResult.Instance;
    }
}
