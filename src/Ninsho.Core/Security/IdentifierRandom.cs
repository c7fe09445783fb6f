using System.Security.Cryptography;

namespace Ninsho.Core.Security;

/// <summary>Random bytes for identifiers (request ids, <c>sub</c>, <c>jti</c>, <c>event_id</c>, <c>origin_jti</c>) and
/// nonces (AES-GCM's in <see cref="SessionSealer"/>), values that must not repeat but are not secret:
/// the system's cryptographic generator, drawn 512 bytes at a time into a buffer of the calling thread and handed out
/// once each. A sign-in makes four ids and a nonce, every request an id; one call into the generator for each (for
/// request ids, <see cref="Guid.NewGuid"/>: a read of /dev/urandom; otherwise OpenSSL's RAND_bytes, which re-keys its
/// AES-CTR generator on every call) cost ~1 % of a sign-in apiece (bench/README.md, "Identifiers from a buffered
/// generator"). Secrets (client secrets, refresh token bytes) do not come from here.</summary>
public static class IdentifierRandom
{
    private const int BufferBytes = 512;

    [ThreadStatic]
    private static byte[]? t_buffer;

    [ThreadStatic]
    private static int t_next;

    /// <summary>Fills <paramref name="destination"/> with bytes no other caller gets.</summary>
    public static void Fill(Span<byte> destination)
    {
        if (destination.Length > BufferBytes)
        {
            RandomNumberGenerator.Fill(destination);
            return;
        }

        // t_next == 0: a new thread's buffer, never filled.
        var buffer = t_buffer ??= new byte[BufferBytes];
        if (t_next == 0 || t_next + destination.Length > BufferBytes)
        {
            RandomNumberGenerator.Fill(buffer);
            t_next = 0;
        }

        buffer.AsSpan(t_next, destination.Length).CopyTo(destination);
        buffer.AsSpan(t_next, destination.Length).Clear();
        t_next += destination.Length;
    }

    /// <summary>A random (version 4) UUID.</summary>
    public static Guid NewUuidV4()
    {
        Span<byte> bytes = stackalloc byte[16];
        Fill(bytes);
        return AsUuidV4(bytes);
    }

    /// <summary>The version 4 UUID of 16 random bytes (RFC 9562: version and variant bits set).</summary>
    internal static Guid AsUuidV4(Span<byte> bytes)
    {
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
