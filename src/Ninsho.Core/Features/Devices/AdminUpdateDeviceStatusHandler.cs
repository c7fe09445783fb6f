using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Devices;

/// <summary>AdminUpdateDeviceStatus (SigV4): remembered or not_remembered.</summary>
internal sealed class AdminUpdateDeviceStatusHandler(UserDirectory directory, DeviceService devices)
    : IOperationHandler<AdminUpdateDeviceStatusRequest, AdminUpdateDeviceStatusResponse>
{
    public async Task<AdminUpdateDeviceStatusResponse> HandleAsync(AdminUpdateDeviceStatusRequest request, OperationContext context, CancellationToken ct)
    {
        var (pool, user) = await directory.GetWithPoolAsync(request.UserPoolId, request.Username, ct);
        var device = await devices.GetAsync(user, request.DeviceKey, ct);
        _ = await devices.UpdateAsync(device, d => d with { RememberedStatus = request.DeviceRememberedStatus ?? d.RememberedStatus }, ct);
        return new AdminUpdateDeviceStatusResponse();
    }
}
