using Ninsho.Core.SignIn;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Devices;

/// <summary>ListDevices (access token): by device key, Limit 0-60 (0 or absent: 60).</summary>
internal sealed class ListDevicesHandler(AccessTokenAuthenticator tokens, INinshoStorage storage)
    : IOperationHandler<ListDevicesRequest, ListDevicesResponse>
{
    public async Task<ListDevicesResponse> HandleAsync(ListDevicesRequest request, OperationContext context, CancellationToken ct)
    {
        var (pool, user, _) = await tokens.AuthenticateAsync(request.AccessToken, ct);
        var page = await storage.Devices.ListAsync(
            pool.Id, user.UsernameKey, PageLimits.OrDefault(request.Limit), PaginationTokens.Decode(request.PaginationToken), ct);
        return new ListDevicesResponse
        {
            Devices = page.Items.Select(DeviceService.ToDeviceType).ToList(),
            PaginationToken = PaginationTokens.Encode(page.NextKey),
        };
    }
}
