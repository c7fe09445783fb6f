using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Identity;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>GetCredentialsForIdentity: temporary credentials for the role <see cref="IdentityRoleResolver"/> chooses
/// (docs/compatibility-identity-roles.md), from <see cref="IAwsCredentialSource"/>: AWS-shaped look-alikes valid one
/// hour whose session token names the role, or with <c>--sts-endpoint</c> what a real STS gives for the role
/// (docs/compatibility-sts.md).</summary>
internal sealed class GetCredentialsForIdentityHandler(IdentityAccess access, IdentityRoleResolver roles, IAwsCredentialSource credentials)
    : IOperationHandler<GetCredentialsForIdentityInput, GetCredentialsForIdentityResponse>
{
    public async Task<GetCredentialsForIdentityResponse> HandleAsync(GetCredentialsForIdentityInput r, OperationContext context, CancellationToken ct)
    {
        var resolved = await access.ResolveAsync(r.IdentityId, r.Logins, ct);
        var role = roles.Resolve(resolved, r.CustomRoleArn);
        return new GetCredentialsForIdentityResponse
        {
            IdentityId = resolved.Identity.IdentityId,
            Credentials = await credentials.GetCredentialsAsync(role, resolved, ct),
        };
    }
}
