using Ninsho.Core.Features.UserPools;
using Ninsho.Core.Features.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Devices;

/// <summary>AdminGetDevice (SigV4).</summary>
internal sealed class AdminGetDeviceHandler(UserPoolService pools, UserDirectory directory, DeviceService devices)
    : IOperationHandler<AdminGetDeviceRequest, AdminGetDeviceResponse>
{
    public async Task<AdminGetDeviceResponse> HandleAsync(AdminGetDeviceRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        var user = await directory.GetAsync(pool, request.Username, ct);
        return new AdminGetDeviceResponse { Device = DeviceService.ToDeviceType(await devices.GetAsync(user, request.DeviceKey, ct)) };
    }
}
