using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.Identity;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>GetCredentialsForIdentity: temporary credentials for the pool's authenticated or unauthenticated role,
/// from <see cref="IAwsCredentialSource"/>: AWS-shaped look-alikes valid one hour, or with <c>--sts-endpoint</c>
/// what a real STS gives for the role (docs/compatibility-sts.md).</summary>
internal sealed class GetCredentialsForIdentityHandler(IdentityAccess access, IAwsCredentialSource credentials)
    : IOperationHandler<GetCredentialsForIdentityInput, GetCredentialsForIdentityResponse>
{
    public async Task<GetCredentialsForIdentityResponse> HandleAsync(GetCredentialsForIdentityInput r, OperationContext context, CancellationToken ct)
    {
        var resolved = await access.ResolveAsync(r.IdentityId, r.Logins, ct);
        var role = resolved.Config.Roles?.GetValueOrDefault(resolved.Authenticated ? "authenticated" : "unauthenticated");
        if (string.IsNullOrEmpty(role))
        {
            throw CognitoErrors.MissingIdentityPoolRoles();
        }

        if (r.CustomRoleArn is not null && !resolved.Authenticated)
        {
            throw CognitoErrors.InvalidParameter("CustomRoleArn is only allowed for authenticated identities.");
        }

        return new GetCredentialsForIdentityResponse
        {
            IdentityId = resolved.Identity.IdentityId,
            Credentials = await credentials.GetCredentialsAsync(role, resolved, ct),
        };
    }
}
