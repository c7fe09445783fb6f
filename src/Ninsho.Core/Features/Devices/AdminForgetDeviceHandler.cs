using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Devices;

/// <summary>AdminForgetDevice (SigV4).</summary>
internal sealed class AdminForgetDeviceHandler(UserDirectory directory, DeviceService devices, INinshoStorage storage)
    : IOperationHandler<AdminForgetDeviceRequest, EmptyResult>
{
    public async Task<EmptyResult> HandleAsync(AdminForgetDeviceRequest request, OperationContext context, CancellationToken ct)
    {
        var (pool, user) = await directory.GetWithPoolAsync(request.UserPoolId, request.Username, ct);
        var device = await devices.GetAsync(user, request.DeviceKey, ct);
        _ = await storage.Devices.DeleteAsync(pool.Id, device.DeviceKey, ct);
        return EmptyResult.Instance;
    }
}
