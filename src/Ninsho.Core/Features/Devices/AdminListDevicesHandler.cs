using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Devices;

/// <summary>AdminListDevices (SigV4): by device key, Limit 0-60 (0 or absent: 60).</summary>
internal sealed class AdminListDevicesHandler(UserDirectory directory, INinshoStorage storage)
    : IOperationHandler<AdminListDevicesRequest, AdminListDevicesResponse>
{
    public async Task<AdminListDevicesResponse> HandleAsync(AdminListDevicesRequest request, OperationContext context, CancellationToken ct)
    {
        var (pool, user) = await directory.GetWithPoolAsync(request.UserPoolId, request.Username, ct);
        var page = await storage.Devices.ListAsync(
            pool.Id, user.UsernameKey, PageLimits.OrDefault(request.Limit), PaginationTokens.Decode(request.PaginationToken), ct);
        return new AdminListDevicesResponse
        {
            Devices = page.Items.Select(DeviceService.ToDeviceType).ToList(),
            PaginationToken = PaginationTokens.Encode(page.NextKey),
        };
    }
}
