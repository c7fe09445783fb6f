using Ninsho.Core.SignIn;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Devices;

/// <summary>ConfirmDevice (access token): stores the device's SRP verifier; UserConfirmationNecessary when the pool remembers devices only on the user's prompt.</summary>
internal sealed class ConfirmDeviceHandler(AccessTokenAuthenticator tokens, DeviceService devices)
    : IOperationHandler<ConfirmDeviceRequest, ConfirmDeviceResponse>
{
    public async Task<ConfirmDeviceResponse> HandleAsync(ConfirmDeviceRequest request, OperationContext context, CancellationToken ct)
    {
        var (pool, user, _) = await tokens.AuthenticateAsync(request.AccessToken, ct);
        var necessary = await devices.ConfirmAsync(pool, user, request.DeviceKey, request.DeviceSecretVerifierConfig, request.DeviceName, ct);
        return new ConfirmDeviceResponse { UserConfirmationNecessary = necessary };
    }
}
