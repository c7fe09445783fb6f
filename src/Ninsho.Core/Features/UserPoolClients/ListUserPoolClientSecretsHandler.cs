using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.UserPoolClients;

/// <summary>ListUserPoolClientSecrets: ids and creation dates, never the values; one page (at most two).</summary>
internal sealed class ListUserPoolClientSecretsHandler(ClientSecretRotation rotation)
    : IOperationHandler<ListUserPoolClientSecretsRequest, ListUserPoolClientSecretsResponse>
{
    public async Task<ListUserPoolClientSecretsResponse> HandleAsync(ListUserPoolClientSecretsRequest r, OperationContext context, CancellationToken ct)
    {
        var (_, client) = await rotation.GetAsync(r.UserPoolId, r.ClientId, ct);
        return new ListUserPoolClientSecretsResponse
        {
            ClientSecrets = [.. ClientSecretSet.Of(client).Select(s => new ClientSecretDescriptorType
            {
                ClientSecretId = s.Id,
                ClientSecretCreateDate = s.CreatedAt,
            })],
        };
    }
}
