using Ninsho.Core.SignIn;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Users;

/// <summary>DeleteUser (access token): the user deletes their own account; refresh tokens go with it.</summary>
internal sealed class DeleteUserHandler(INinshoStorage storage, AccessTokenAuthenticator authenticator)
    : IOperationHandler<DeleteUserRequest, EmptyResult>
{
    public async Task<EmptyResult> HandleAsync(DeleteUserRequest r, OperationContext context, CancellationToken ct)
    {
        var (pool, user, _) = await authenticator.AuthenticateAsync(r.AccessToken, ct);
        _ = await storage.Users.DeleteAsync(pool.Id, user.UsernameKey, ct);
        return EmptyResult.Instance;
    }
}
