namespace Ninsho.Core.Security;

/// <summary>Cost settings for <see cref="PasswordHasher"/>. Changing them never breaks stored hashes: each hash
/// records its own cost, and <see cref="PasswordHasher.NeedsRehash"/> reports the ones below the current cost.</summary>
internal sealed class PasswordHasherOptions
{
    /// <summary>OWASP's current figure for PBKDF2-HMAC-SHA256 (Password Storage Cheat Sheet).</summary>
    public const int DefaultIterations = 600_000;

    /// <summary>PBKDF2 iteration count for new hashes.</summary>
    public int Iterations { get; set; } = DefaultIterations;
}
