using Ninsho.Protocol.Identity;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>Where GetCredentialsForIdentity's credentials come from, once the role is chosen: Ninsho's own
/// AWS-shaped values (<see cref="LocalAwsCredentials"/>, the default) or a real STS (<see cref="StsWebIdentityCredentials"/>,
/// with <c>--sts-endpoint</c>; docs/compatibility-sts.md).</summary>
internal interface IAwsCredentialSource
{
    /// <summary>Credentials for <paramref name="roleArn"/> on behalf of <paramref name="identity"/>, whose OpenID token
    /// (as GetOpenIdToken mints it) is made only by a source that needs it. Throws Cognito's errors.</summary>
    Task<Credentials> GetCredentialsAsync(string roleArn, ResolvedIdentity identity, CancellationToken ct);
}
