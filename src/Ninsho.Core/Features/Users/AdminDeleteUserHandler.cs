using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Users;

/// <summary>AdminDeleteUser; the user's refresh tokens go with it.</summary>
internal sealed class AdminDeleteUserHandler(INinshoStorage storage, UserDirectory directory)
    : IOperationHandler<AdminDeleteUserRequest, EmptyResult>
{
    public async Task<EmptyResult> HandleAsync(AdminDeleteUserRequest request, OperationContext context, CancellationToken ct)
    {
        var (pool, user) = await directory.GetWithPoolAsync(request.UserPoolId, request.Username, ct);
        _ = await storage.Users.DeleteAsync(pool.Id, user.UsernameKey, ct);
        return EmptyResult.Instance;
    }
}
