using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Groups;

/// <summary>AdminListGroupsForUser: by group name, Limit 0-60 (0 or absent: 60), NextToken absent on the last page.</summary>
internal sealed class AdminListGroupsForUserHandler(INinshoStorage storage, UserDirectory directory)
    : IOperationHandler<AdminListGroupsForUserRequest, AdminListGroupsForUserResponse>
{
    public async Task<AdminListGroupsForUserResponse> HandleAsync(AdminListGroupsForUserRequest request, OperationContext context, CancellationToken ct)
    {
        var (pool, user) = await directory.GetWithPoolAsync(request.UserPoolId, request.Username, ct);
        var page = await storage.Groups.ListForUserAsync(
            pool.Id, user.UsernameKey, PageLimits.OrDefault(request.Limit), PaginationTokens.Decode(request.NextToken), ct);
        return new AdminListGroupsForUserResponse
        {
            Groups = page.Items.Select(GroupViews.ToGroupType).ToList(),
            NextToken = PaginationTokens.Encode(page.NextKey),
        };
    }
}
