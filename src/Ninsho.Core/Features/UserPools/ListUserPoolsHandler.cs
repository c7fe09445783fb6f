using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.UserPools;

/// <summary>ListUserPools: keyset pages of MaxResults (1-60), NextToken absent on the last page.</summary>
internal sealed class ListUserPoolsHandler(INinshoStorage storage) : IOperationHandler<ListUserPoolsRequest, ListUserPoolsResponse>
{
    public async Task<ListUserPoolsResponse> HandleAsync(ListUserPoolsRequest request, OperationContext context, CancellationToken ct)
    {
        var after = PaginationTokens.Decode(request.NextToken);
        var page = await storage.UserPools.ListAsync(request.MaxResults!.Value, after, ct);
        return new ListUserPoolsResponse
        {
            UserPools = page.Items.Select(p => new UserPoolDescriptionType
            {
                Id = p.Id,
                Name = p.Name,
                LambdaConfig = UserPoolService.Parse(p.ConfigJson).LambdaConfig ?? new LambdaConfigType(),
                LastModifiedDate = p.ModifiedAt,
                CreationDate = p.CreatedAt,
            }).ToList(),
            NextToken = PaginationTokens.Encode(page.NextKey),
        };
    }
}
