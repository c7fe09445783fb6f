using System.Text.Json;
using Ninsho.Core.Pools;
using Ninsho.Core.Serialization;
using Ninsho.Core.SignIn;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.AuthEvents;

/// <summary>AdminUpdateAuthEventFeedback: an administrator's Valid/Invalid verdict on a recorded event, shown
/// afterwards as its EventFeedback (provider <c>Admin</c>).</summary>
internal sealed class AdminUpdateAuthEventFeedbackHandler(INinshoStorage storage, UserPoolService pools, UserDirectory directory, TimeProvider clock)
    : IOperationHandler<AdminUpdateAuthEventFeedbackRequest, AdminUpdateAuthEventFeedbackResponse>
{
    public async Task<AdminUpdateAuthEventFeedbackResponse> HandleAsync(AdminUpdateAuthEventFeedbackRequest r, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(r.UserPoolId, ct);
        AuthEventRecorder.RequireEnabled(pool);
        var user = await directory.FindAsync(pool, r.Username, ct) ?? throw CognitoErrors.UserNotFound();
        var stored = await storage.AuthEvents.FindAsync(pool.Id, user.UsernameKey, r.EventId, ct) ?? throw CognitoErrors.AuthEventNotFound();
        var detail = (JsonSerializer.Deserialize(stored.DetailJson, CoreJsonContext.Default.AuthEventType) ?? new AuthEventType()) with
        {
            EventFeedback = new EventFeedbackType { FeedbackValue = r.FeedbackValue, Provider = "Admin", FeedbackDate = clock.GetUtcNow() },
        };
        if (!await storage.AuthEvents.UpdateDetailAsync(pool.Id, user.UsernameKey, r.EventId, JsonSerializer.Serialize(detail, CoreJsonContext.Default.AuthEventType), ct))
        {
            throw CognitoErrors.AuthEventNotFound();
        }

        return new AdminUpdateAuthEventFeedbackResponse();
    }
}
