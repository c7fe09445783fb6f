using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.UserPoolClients;

/// <summary>ListUserPoolClients: pages of MaxResults (default 60), NextToken absent on the last page.</summary>
internal sealed class ListUserPoolClientsHandler(INinshoStorage storage, UserPoolService pools)
    : IOperationHandler<ListUserPoolClientsRequest, ListUserPoolClientsResponse>
{
    public async Task<ListUserPoolClientsResponse> HandleAsync(ListUserPoolClientsRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        var page = await storage.Clients.ListAsync(pool.Id, request.MaxResults ?? 60, PaginationTokens.Decode(request.NextToken), ct);
        return new ListUserPoolClientsResponse
        {
            UserPoolClients = page.Items
                .Select(c => new UserPoolClientDescription { ClientId = c.ClientId, UserPoolId = c.UserPoolId, ClientName = c.Name })
                .ToList(),
            NextToken = PaginationTokens.Encode(page.NextKey),
        };
    }
}
