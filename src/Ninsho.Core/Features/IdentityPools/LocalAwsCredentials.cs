using System.Security.Cryptography;
using System.Text.Json;
using Ninsho.Protocol.Identity;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>Credentials without an STS: AWS's shapes (an <c>ASIA</c> key id, a 40-character secret, a session token,
/// one hour of validity) that no AWS service accepts. The session token names the chosen role
/// (docs/compatibility-identity-roles.md).</summary>
internal sealed class LocalAwsCredentials(TimeProvider clock) : IAwsCredentialSource
{
    private const string KeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static readonly TimeSpan Validity = TimeSpan.FromHours(1);

    public Task<Credentials> GetCredentialsAsync(string roleArn, ResolvedIdentity identity, CancellationToken ct) =>
        Task.FromResult(new Credentials
        {
            AccessKeyId = "ASIA" + RandomNumberGenerator.GetString(KeyAlphabet, 16),
            SecretKey = RandomNumberGenerator.GetString(SecretAlphabet, 40),
            SessionToken = SessionToken(roleArn, identity.Identity.IdentityId),
            Expiration = DateTimeOffset.FromUnixTimeSeconds((clock.GetUtcNow() + Validity).ToUnixTimeSeconds()),
        });

    /// <summary>Base64 of <c>{"roleArn","identityId","nonce"}</c>: opaque to SDKs, as STS's are, and readable by
    /// whoever wants to see which role was chosen.</summary>
    private static string SessionToken(string roleArn, string identityId) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(
            new SessionTokenContent(roleArn, identityId, RandomNumberGenerator.GetString(KeyAlphabet, 32)),
            IdentityJsonContext.Default.SessionTokenContent));
}
