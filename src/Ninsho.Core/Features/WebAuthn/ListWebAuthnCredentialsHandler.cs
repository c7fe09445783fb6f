using Ninsho.Core.SignIn;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.WebAuthn;

/// <summary>ListWebAuthnCredentials (public, by AccessToken): the signed-in user's passkeys by credential id,
/// MaxResults 0-20 (0 or absent: 20, guessed like the other listings' defaults).</summary>
internal sealed class ListWebAuthnCredentialsHandler(AccessTokenAuthenticator authenticator, INinshoStorage storage)
    : IOperationHandler<ListWebAuthnCredentialsRequest, ListWebAuthnCredentialsResponse>
{
    public async Task<ListWebAuthnCredentialsResponse> HandleAsync(ListWebAuthnCredentialsRequest request, OperationContext context, CancellationToken ct)
    {
        var (pool, user, _) = await authenticator.AuthenticateAsync(request.AccessToken, ct);
        var limit = request.MaxResults is { } max and > 0 ? max : PasskeyRelyingParty.MaxPerUser;
        var page = await storage.WebAuthnCredentials.ListAsync(pool.Id, user.UsernameKey, limit, PaginationTokens.Decode(request.NextToken), ct);
        return new ListWebAuthnCredentialsResponse
        {
            Credentials = [.. page.Items.Select(static c => new WebAuthnCredentialDescription
            {
                CredentialId = c.CredentialId,
                FriendlyCredentialName = c.FriendlyName,
                RelyingPartyId = c.RelyingPartyId,
                AuthenticatorAttachment = c.AuthenticatorAttachment,
                AuthenticatorTransports = c.Transports,
                CreatedAt = c.CreatedAt,
            })],
            NextToken = PaginationTokens.Encode(page.NextKey),
        };
    }
}
