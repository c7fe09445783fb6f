namespace Ninsho.Core.Security;

/// <summary>Cost settings for <see cref="PasswordHasher"/>. Changing them never breaks stored hashes: each hash
/// records its own cost, and <see cref="PasswordHasher.NeedsRehash"/> reports the ones below the current cost.</summary>
internal sealed class PasswordHasherOptions
{
    /// <summary>OWASP's current figure for PBKDF2-HMAC-SHA256 (Password Storage Cheat Sheet).</summary>
    public const int DefaultIterations = 600_000;

    /// <summary>Hashes that may wait for a core beyond the one running per core: 32 per core, several seconds of
    /// work at the default cost on a small machine.</summary>
    public static int DefaultMaxQueued => 32 * Environment.ProcessorCount;

    /// <summary>PBKDF2 iteration count for new hashes.</summary>
    public int Iterations { get; set; } = DefaultIterations;

    /// <summary>How many hashes may wait for a free core; one more is refused with TooManyRequestsException.
    /// Null means <see cref="DefaultMaxQueued"/>.</summary>
    public int? MaxQueued { get; set; }
}
