using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Devices;

/// <summary>AdminGetDevice (SigV4).</summary>
internal sealed class AdminGetDeviceHandler(UserDirectory directory, DeviceService devices)
    : IOperationHandler<AdminGetDeviceRequest, AdminGetDeviceResponse>
{
    public async Task<AdminGetDeviceResponse> HandleAsync(AdminGetDeviceRequest request, OperationContext context, CancellationToken ct)
    {
        var (pool, user) = await directory.GetWithPoolAsync(request.UserPoolId, request.Username, ct);
        return new AdminGetDeviceResponse { Device = DeviceService.ToDeviceType(await devices.GetAsync(user, request.DeviceKey, ct)) };
    }
}
