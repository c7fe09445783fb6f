using Ninsho.Core.SignIn;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.WebAuthn;

/// <summary>CompleteWebAuthnRegistration (public, by AccessToken): verifies the authenticator's RegistrationResponse
/// against the options StartWebAuthnRegistration sent and stores the passkey (<see cref="PasskeyRegistration"/>).</summary>
internal sealed class CompleteWebAuthnRegistrationHandler(AccessTokenAuthenticator authenticator, PasskeyRegistration registration)
    : IOperationHandler<CompleteWebAuthnRegistrationRequest, CompleteWebAuthnRegistrationResponse>
{
    public async Task<CompleteWebAuthnRegistrationResponse> HandleAsync(
        CompleteWebAuthnRegistrationRequest request, OperationContext context, CancellationToken ct)
    {
        var access = await authenticator.AuthenticateAsync(request.AccessToken, ct);
        await registration.CompleteAsync(access, request.Credential, ct);
        return new CompleteWebAuthnRegistrationResponse();
    }
}
