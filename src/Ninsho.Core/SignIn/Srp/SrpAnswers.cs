using System.Security.Cryptography;
using Ninsho.Storage;

namespace Ninsho.Core.SignIn;

/// <summary>Makes each SRP challenge answerable once, on every node: the first answer to a SECRET_BLOCK records the
/// block's hash as a pool resource (an insert that only one node can win), and any later answer to the same block,
/// right or wrong, is refused like a stale session. Without it, a captured PASSWORD_VERIFIER answer could be sent
/// again while the block is valid and be given fresh tokens (docs/security-timing-and-srp.md).</summary>
internal sealed class SrpAnswers(INinshoStorage storage, TimeProvider clock)
{
    public const string Kind = "srp-answer";

    /// <summary>How long a record must outlive its answer: a SECRET_BLOCK lives at most AuthSessionValidity, which
    /// is 3 to 15 minutes.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(15);

    /// <summary>True for the first answer to <paramref name="secretBlock"/>; false when it was answered before.</summary>
    public async Task<bool> TryConsumeAsync(string userPoolId, byte[] secretBlock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var result = await storage.PoolResources.CreateAsync(new StoredPoolResource
        {
            UserPoolId = userPoolId,
            Kind = Kind,
            Name = Convert.ToHexStringLower(SHA256.HashData(secretBlock)),
            BodyJson = "{}",
            CreatedAt = now,
            ModifiedAt = now,
        }, ct);
        return result == CreateResult.Created;
    }
}
