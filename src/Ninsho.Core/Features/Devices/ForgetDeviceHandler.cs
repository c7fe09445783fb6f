using Ninsho.Core.SignIn;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Devices;

/// <summary>ForgetDevice (access token).</summary>
internal sealed class ForgetDeviceHandler(AccessTokenAuthenticator tokens, DeviceService devices, INinshoStorage storage)
    : IOperationHandler<ForgetDeviceRequest, EmptyResult>
{
    public async Task<EmptyResult> HandleAsync(ForgetDeviceRequest request, OperationContext context, CancellationToken ct)
    {
        var (pool, user, _) = await tokens.AuthenticateAsync(request.AccessToken ?? string.Empty, ct);
        var device = await devices.GetAsync(user, request.DeviceKey, ct);
        _ = await storage.Devices.DeleteAsync(pool.Id, device.DeviceKey, ct);
        return EmptyResult.Instance;
    }
}
