using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Identity;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>GetOpenIdToken (basic flow): a 10-minute OpenID token for the identity, with <c>amr</c>
/// <c>["unauthenticated"]</c> for guests, or <c>["authenticated", provider…]</c>.</summary>
internal sealed class GetOpenIdTokenHandler(IdentityAccess access, IdentityOpenIdTokens tokens) : IOperationHandler<GetOpenIdTokenInput, GetOpenIdTokenResponse>
{
    public async Task<GetOpenIdTokenResponse> HandleAsync(GetOpenIdTokenInput r, OperationContext context, CancellationToken ct)
    {
        var resolved = await access.ResolveAsync(r.IdentityId, r.Logins, ct);
        return new GetOpenIdTokenResponse
        {
            IdentityId = resolved.Identity.IdentityId,
            Token = await tokens.IssueForAsync(resolved),
        };
    }
}
