using Ninsho.Core.SignIn;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Devices;

/// <summary>UpdateDeviceStatus (access token): remembered or not_remembered.</summary>
internal sealed class UpdateDeviceStatusHandler(AccessTokenAuthenticator tokens, DeviceService devices)
    : IOperationHandler<UpdateDeviceStatusRequest, UpdateDeviceStatusResponse>
{
    public async Task<UpdateDeviceStatusResponse> HandleAsync(UpdateDeviceStatusRequest request, OperationContext context, CancellationToken ct)
    {
        var (_, user, _) = await tokens.AuthenticateAsync(request.AccessToken, ct);
        var device = await devices.GetAsync(user, request.DeviceKey, ct);
        _ = await devices.UpdateAsync(device, d => d with { RememberedStatus = request.DeviceRememberedStatus ?? d.RememberedStatus }, ct);
        return new UpdateDeviceStatusResponse();
    }
}
