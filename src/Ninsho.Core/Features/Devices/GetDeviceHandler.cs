using Ninsho.Core.SignIn;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Devices;

/// <summary>GetDevice (access token).</summary>
internal sealed class GetDeviceHandler(AccessTokenAuthenticator tokens, DeviceService devices)
    : IOperationHandler<GetDeviceRequest, GetDeviceResponse>
{
    public async Task<GetDeviceResponse> HandleAsync(GetDeviceRequest request, OperationContext context, CancellationToken ct)
    {
        var (_, user, _) = await tokens.AuthenticateAsync(request.AccessToken ?? string.Empty, ct);
        return new GetDeviceResponse { Device = DeviceService.ToDeviceType(await devices.GetAsync(user, request.DeviceKey, ct)) };
    }
}
