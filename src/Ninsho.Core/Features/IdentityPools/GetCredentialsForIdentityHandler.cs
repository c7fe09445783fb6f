using System.Security.Cryptography;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.Identity;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>GetCredentialsForIdentity: temporary credentials for the pool's authenticated or unauthenticated role,
/// valid one hour. Ninsho has no STS: the credentials have AWS's shapes (an <c>ASIA</c> key id, a 40-character
/// secret, a session token) but no AWS service accepts them.</summary>
internal sealed class GetCredentialsForIdentityHandler(IdentityAccess access, TimeProvider clock)
    : IOperationHandler<GetCredentialsForIdentityInput, GetCredentialsForIdentityResponse>
{
    private const string KeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static readonly TimeSpan Validity = TimeSpan.FromHours(1);

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
            Credentials = new Credentials
            {
                AccessKeyId = "ASIA" + RandomNumberGenerator.GetString(KeyAlphabet, 16),
                SecretKey = RandomNumberGenerator.GetString(SecretAlphabet, 40),
                SessionToken = RandomNumberGenerator.GetString(SecretAlphabet, 356),
                Expiration = DateTimeOffset.FromUnixTimeSeconds((clock.GetUtcNow() + Validity).ToUnixTimeSeconds()),
            },
        };
    }
}
