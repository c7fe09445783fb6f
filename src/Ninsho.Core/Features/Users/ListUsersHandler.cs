using Ninsho.Core.Pools;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Users;

/// <summary>ListUsers: indexed Filter, AttributesToGet, Limit (default 60), PaginationToken absent on the last page.</summary>
internal sealed class ListUsersHandler(INinshoStorage storage, UserPoolService pools)
    : IOperationHandler<ListUsersRequest, ListUsersResponse>
{
    public async Task<ListUsersResponse> HandleAsync(ListUsersRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        var filter = UserFilterParser.Parse(request.Filter, pool);
        var limit = request.Limit is null or 0 ? 60 : request.Limit.Value;
        var page = await storage.Users.ListAsync(pool.Id, filter, limit, PaginationTokens.Decode(request.PaginationToken), ct);
        var only = request.AttributesToGet is { } names ? new HashSet<string>(names, StringComparer.Ordinal) : null;
        return new ListUsersResponse
        {
            Users = page.Items.Select(u => UserViews.ToUserType(u, only)).ToList(),
            PaginationToken = PaginationTokens.Encode(page.NextKey),
        };
    }
}
