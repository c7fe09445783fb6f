using Ninsho.Core.SignIn;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.WebAuthn;

/// <summary>StartWebAuthnRegistration (public, by AccessToken): the PublicKeyCredentialCreationOptions for a new
/// passkey of the signed-in user (<see cref="PasskeyRegistration"/>).</summary>
internal sealed class StartWebAuthnRegistrationHandler(AccessTokenAuthenticator authenticator, PasskeyRegistration registration)
    : IOperationHandler<StartWebAuthnRegistrationRequest, StartWebAuthnRegistrationResponse>
{
    public async Task<StartWebAuthnRegistrationResponse> HandleAsync(StartWebAuthnRegistrationRequest request, OperationContext context, CancellationToken ct)
    {
        var access = await authenticator.AuthenticateAsync(request.AccessToken, ct);
        return new StartWebAuthnRegistrationResponse { CredentialCreationOptions = await registration.StartAsync(access, ct) };
    }
}
