using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.UserPoolClients;

/// <summary>DeleteUserPoolClientSecret: ends one secret of a rotation; the last one cannot be deleted.</summary>
internal sealed class DeleteUserPoolClientSecretHandler(ClientSecretRotation rotation)
    : IOperationHandler<DeleteUserPoolClientSecretRequest, DeleteUserPoolClientSecretResponse>
{
    public async Task<DeleteUserPoolClientSecretResponse> HandleAsync(DeleteUserPoolClientSecretRequest r, OperationContext context, CancellationToken ct)
    {
        var (stored, client) = await rotation.GetAsync(r.UserPoolId, r.ClientId, ct);
        var secrets = ClientSecretSet.Of(client);
        if (!secrets.Any(s => s.Id == r.ClientSecretId))
        {
            throw CognitoErrors.ClientSecretNotFound(r.ClientSecretId);
        }

        if (secrets.Count == 1)
        {
            throw CognitoErrors.LastClientSecret();
        }

        await rotation.SaveAsync(stored, client, [.. secrets.Where(s => s.Id != r.ClientSecretId)], ct);
        return new DeleteUserPoolClientSecretResponse();
    }
}
