using Ninsho.Core.Pools;
using Ninsho.Core.SignIn;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.AuthEvents;

/// <summary>AdminListUserAuthEvents: the user's recorded events, newest first, up to 60 a page (0 or none
/// means 60). Pools without threat protection answer UserPoolAddOnNotEnabledException.</summary>
internal sealed class AdminListUserAuthEventsHandler(INinshoStorage storage, UserPoolService pools, UserDirectory directory)
    : IOperationHandler<AdminListUserAuthEventsRequest, AdminListUserAuthEventsResponse>
{
    private const int MaxPage = 60;

    public async Task<AdminListUserAuthEventsResponse> HandleAsync(AdminListUserAuthEventsRequest r, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(r.UserPoolId, ct);
        AuthEventRecorder.RequireEnabled(pool);
        var user = await directory.FindAsync(pool, r.Username, ct) ?? throw CognitoErrors.UserNotFound();
        var limit = r.MaxResults is null or 0 ? MaxPage : r.MaxResults.Value;
        var page = await storage.AuthEvents.ListAsync(pool.Id, user.UsernameKey, limit, r.NextToken, ct);
        return new AdminListUserAuthEventsResponse
        {
            AuthEvents = [.. page.Items.Select(AuthEventRecorder.View)],
            NextToken = page.NextKey,
        };
    }
}
