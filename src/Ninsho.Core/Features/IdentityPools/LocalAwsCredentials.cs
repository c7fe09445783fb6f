using System.Security.Cryptography;
using Ninsho.Protocol.Identity;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>Credentials without an STS: AWS's shapes (an <c>ASIA</c> key id, a 40-character secret, a session token,
/// one hour of validity) that no AWS service accepts.</summary>
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
            SessionToken = RandomNumberGenerator.GetString(SecretAlphabet, 356),
            Expiration = DateTimeOffset.FromUnixTimeSeconds((clock.GetUtcNow() + Validity).ToUnixTimeSeconds()),
        });
}
