using Ninsho.Protocol.Identity;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>Credentials from a real STS (<c>--sts-endpoint</c>), as Cognito's enhanced flow gets them: the
/// identity's OpenID token, minted as GetOpenIdToken mints it, exchanged by AssumeRoleWithWebIdentity for the chosen
/// role; STS's answer is returned as it is (docs/compatibility-sts.md).</summary>
internal sealed class StsWebIdentityCredentials(IdentityOpenIdTokens tokens, StsWebIdentityClient sts) : IAwsCredentialSource
{
    public async Task<Credentials> GetCredentialsAsync(string roleArn, ResolvedIdentity identity, CancellationToken ct) =>
        await sts.AssumeRoleAsync(roleArn, await tokens.IssueForAsync(identity), identity.Identity.IdentityId, ct);
}
