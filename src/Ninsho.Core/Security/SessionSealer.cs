using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ninsho.Storage;

namespace Ninsho.Core.Security;

/// <summary>Seals a small payload (JSON) into the opaque <c>Session</c> string of an auth challenge, and opens it
/// again. AES-256-GCM with a random 96-bit nonce; the expiry travels inside the ciphertext, the purpose (for
/// example <c>NEW_PASSWORD_REQUIRED</c>) is bound as associated data, so a session sealed for one purpose cannot
/// be replayed for another. Any node holding the shared key can open any session.</summary>
/// <remarks>Layout before base64url: <c>version(1) | nonce(12) | ciphertext(expiry ms, 8 bytes BE | payload) | tag(16)</c>.
/// Create one per process with <see cref="CreateAsync"/> and keep it (a singleton); each call then costs only an
/// <see cref="AesGcm"/> key setup, which is created per call because an <see cref="AesGcm"/> instance is not
/// safe to share between threads.</remarks>
internal sealed class SessionSealer
{
    public const string SecretName = "session-key";
    public const int KeyBytes = 32;

    /// <summary>The model's limit on <c>SessionType</c> length.</summary>
    public const int MaxSessionLength = 2048;

    private const byte Version = 1;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int ExpiryBytes = 8;
    private const int HeaderBytes = 1 + NonceBytes;
    private const int OverheadBytes = HeaderBytes + ExpiryBytes + TagBytes;

    /// <summary>The largest payload whose sealed form still fits in <see cref="MaxSessionLength"/> characters.</summary>
    public const int MaxPayloadBytes = (MaxSessionLength / 4 * 3) - OverheadBytes;

    private readonly byte[] _key;
    private readonly TimeProvider _clock;

    public SessionSealer(ReadOnlySpan<byte> key, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (key.Length != KeyBytes)
        {
            throw new ArgumentException($"The session key must be {KeyBytes} bytes.", nameof(key));
        }

        _key = key.ToArray();
        _clock = clock;
    }

    /// <summary>Loads (or, on first use anywhere, creates) the cluster-wide key <c>session-key</c>.</summary>
    public static async Task<SessionSealer> CreateAsync(ISecretStore secrets, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var key = await secrets.GetOrAddAsync(SecretName, RandomNumberGenerator.GetBytes(KeyBytes), ct);
        return new SessionSealer(key, clock);
    }

    public string Seal(string purpose, ReadOnlySpan<byte> payload, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        if (payload.Length > MaxPayloadBytes)
        {
            throw new ArgumentException($"A session payload may be at most {MaxPayloadBytes} bytes.", nameof(payload));
        }

        var expiresAt = _clock.GetUtcNow().Add(lifetime).ToUnixTimeMilliseconds();
        var sealedBytes = new byte[OverheadBytes + payload.Length];
        sealedBytes[0] = Version;
        var nonce = sealedBytes.AsSpan(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);

        var plaintext = new byte[ExpiryBytes + payload.Length];
        BinaryPrimitives.WriteInt64BigEndian(plaintext, expiresAt);
        payload.CopyTo(plaintext.AsSpan(ExpiryBytes));

        var ciphertext = sealedBytes.AsSpan(HeaderBytes, plaintext.Length);
        var tag = sealedBytes.AsSpan(HeaderBytes + plaintext.Length, TagBytes);
        using (var aes = new AesGcm(_key, TagBytes))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag, AssociatedData(purpose));
        }

        CryptographicOperations.ZeroMemory(plaintext);
        return Base64Url.EncodeToString(sealedBytes);
    }

    public string Seal<T>(string purpose, T value, JsonTypeInfo<T> typeInfo, TimeSpan lifetime)
    {
        return Seal(purpose, JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), lifetime);
    }

    /// <summary>The payload, or null when the session is garbage, was tampered with, was sealed with another key
    /// or for another purpose, or has expired (valid while the clock is before the expiry). Never throws for
    /// bad input.</summary>
    public byte[]? Unseal(string purpose, string? session)
    {
        if (string.IsNullOrEmpty(purpose) || session is null || session.Length > MaxSessionLength)
        {
            return null;
        }

        var sealedBytes = new byte[Base64Url.GetMaxDecodedLength(session.Length)];
        var status = Base64Url.DecodeFromChars(session, sealedBytes, out var consumed, out var length);
        if (status != System.Buffers.OperationStatus.Done || consumed != session.Length
            || length < OverheadBytes || sealedBytes[0] != Version)
        {
            return null;
        }

        var nonce = sealedBytes.AsSpan(1, NonceBytes);
        var ciphertext = sealedBytes.AsSpan(HeaderBytes, length - OverheadBytes + ExpiryBytes);
        var tag = sealedBytes.AsSpan(length - TagBytes, TagBytes);
        var plaintext = new byte[ciphertext.Length];
        try
        {
            using var aes = new AesGcm(_key, TagBytes);
            aes.Decrypt(nonce, ciphertext, tag, plaintext, AssociatedData(purpose));
        }
        catch (CryptographicException)
        {
            return null;
        }

        var expiresAt = BinaryPrimitives.ReadInt64BigEndian(plaintext);
        if (_clock.GetUtcNow().ToUnixTimeMilliseconds() >= expiresAt)
        {
            return null;
        }

        return plaintext[ExpiryBytes..];
    }

    /// <summary>Like <see cref="Unseal(string, string?)"/>, also null when the payload is not valid JSON for
    /// <paramref name="typeInfo"/>.</summary>
    public T? Unseal<T>(string purpose, string? session, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        var payload = Unseal(purpose, session);
        if (payload is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(payload, typeInfo);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[] AssociatedData(string purpose)
    {
        var data = new byte[1 + Encoding.UTF8.GetByteCount(purpose)];
        data[0] = Version;
        _ = Encoding.UTF8.GetBytes(purpose, data.AsSpan(1));
        return data;
    }
}
