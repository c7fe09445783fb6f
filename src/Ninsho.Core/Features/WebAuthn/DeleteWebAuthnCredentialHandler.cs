using Ninsho.Core.SignIn;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.WebAuthn;

/// <summary>DeleteWebAuthnCredential (public, by AccessToken): removes one of the signed-in user's passkeys;
/// ResourceNotFoundException for an id that is not theirs.</summary>
internal sealed class DeleteWebAuthnCredentialHandler(AccessTokenAuthenticator authenticator, INinshoStorage storage)
    : IOperationHandler<DeleteWebAuthnCredentialRequest, DeleteWebAuthnCredentialResponse>
{
    public async Task<DeleteWebAuthnCredentialResponse> HandleAsync(DeleteWebAuthnCredentialRequest request, OperationContext context, CancellationToken ct)
    {
        var (pool, user, _) = await authenticator.AuthenticateAsync(request.AccessToken, ct);
        return await storage.WebAuthnCredentials.DeleteAsync(pool.Id, user.UsernameKey, request.CredentialId, ct)
            ? new DeleteWebAuthnCredentialResponse()
            : throw CognitoErrors.WebAuthnCredentialNotFound();
    }
}
