using System.Security.Cryptography;
using System.Text.Json;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Identity;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>GetCredentialsForIdentity: temporary credentials, valid one hour, for the role
/// <see cref="IdentityRoleResolver"/> chooses. Ninsho has no STS: the credentials have AWS's shapes (an <c>ASIA</c>
/// key id, a 40-character secret, a session token) but no AWS service accepts them; the session token names the
/// role (docs/compatibility-identity-roles.md).</summary>
internal sealed class GetCredentialsForIdentityHandler(IdentityAccess access, IdentityRoleResolver roles, TimeProvider clock)
    : IOperationHandler<GetCredentialsForIdentityInput, GetCredentialsForIdentityResponse>
{
    private const string KeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static readonly TimeSpan Validity = TimeSpan.FromHours(1);

    public async Task<GetCredentialsForIdentityResponse> HandleAsync(GetCredentialsForIdentityInput r, OperationContext context, CancellationToken ct)
    {
        var resolved = await access.ResolveAsync(r.IdentityId, r.Logins, ct);
        var role = roles.Resolve(resolved, r.CustomRoleArn);
        return new GetCredentialsForIdentityResponse
        {
            IdentityId = resolved.Identity.IdentityId,
            Credentials = new Credentials
            {
                AccessKeyId = "ASIA" + RandomNumberGenerator.GetString(KeyAlphabet, 16),
                SecretKey = RandomNumberGenerator.GetString(SecretAlphabet, 40),
                SessionToken = LocalSessionToken(role, resolved.Identity.IdentityId),
                Expiration = DateTimeOffset.FromUnixTimeSeconds((clock.GetUtcNow() + Validity).ToUnixTimeSeconds()),
            },
        };
    }

    /// <summary>Base64 of <c>{"roleArn","identityId","nonce"}</c>: opaque to SDKs, as STS's are, and readable by
    /// whoever wants to see which role was chosen.</summary>
    private static string LocalSessionToken(string roleArn, string identityId) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(
            new SessionTokenContent(roleArn, identityId, RandomNumberGenerator.GetString(KeyAlphabet, 32)),
            IdentityJsonContext.Default.SessionTokenContent));
}
