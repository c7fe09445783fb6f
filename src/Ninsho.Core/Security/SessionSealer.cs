using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Ninsho.Core.Security;

/// <summary>Seals a small payload (JSON) into the opaque <c>Session</c> string of an auth challenge, and opens it
/// again. AES-256-GCM with a random 96-bit nonce; the expiry travels inside the ciphertext, the purpose (for
/// example <c>NEW_PASSWORD_REQUIRED</c>) is bound as associated data, so a session sealed for one purpose cannot
/// be replayed for another. Any node holding the shared key can open any session.</summary>
/// <remarks>Layout before base64url: <c>version(1) | nonce(12) | ciphertext(expiry ms, 8 bytes BE | payload) | tag(16)</c>
/// under generation 0 of the key; <c>2 | key id(4, BE) | nonce(12) | …</c> under a rotated generation
/// (docs/operations.md#key-rotation), so a seal opens while its generation is kept. Get one from
/// <see cref="SealingKeys.SessionSealerAsync"/>. An <see cref="AesGcm"/> (the key set up in an OpenSSL context) is not
/// safe to share between threads, so each thread keeps one for the key it used last; a sign-in seals and a refresh
/// opens with the same key over and over.</remarks>
internal sealed class SessionSealer
{
    public const string SecretName = "session-key";
    public const int KeyBytes = 32;

    /// <summary>The model's limit on <c>SessionType</c> length.</summary>
    public const int MaxSessionLength = 2048;

    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int ExpiryBytes = 8;
    private const int MaxOverheadBytes = SealHeader.MaxLength + NonceBytes + ExpiryBytes + TagBytes;

    /// <summary>The largest payload whose sealed form still fits in <see cref="MaxSessionLength"/> characters,
    /// whichever generation seals it.</summary>
    public const int MaxPayloadBytes = (MaxSessionLength / 4 * 3) - MaxOverheadBytes;

    [ThreadStatic]
    private static SealingKey? t_aesKey;

    [ThreadStatic]
    private static AesGcm? t_aes;

    private readonly SealingKeySet _keys;
    private readonly TimeProvider _clock;

    public SessionSealer(ReadOnlySpan<byte> key, TimeProvider clock)
        : this(new SealingKeySet(SecretName, [new SealingKey(0, CheckLength(key), DateTimeOffset.MinValue)]), clock)
    {
    }

    public SessionSealer(SealingKeySet keys, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(clock);
        foreach (var key in keys.Keys)
        {
            _ = CheckLength(key.Key);
        }

        _keys = keys;
        _clock = clock;
    }

    public string Seal(string purpose, ReadOnlySpan<byte> payload, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        if (payload.Length > MaxPayloadBytes)
        {
            throw new ArgumentException($"A session payload may be at most {MaxPayloadBytes} bytes.", nameof(payload));
        }

        var now = _clock.GetUtcNow();
        var key = _keys.Primary(now);
        var headerBytes = SealHeader.Length(key.Id);
        var expiresAt = now.Add(lifetime).ToUnixTimeMilliseconds();
        var sealedBytes = new byte[headerBytes + NonceBytes + ExpiryBytes + payload.Length + TagBytes];
        SealHeader.Write(sealedBytes, key.Id);

        var nonce = sealedBytes.AsSpan(headerBytes, NonceBytes);
        IdentifierRandom.Fill(nonce); // unique, not secret

        var plaintext = new byte[ExpiryBytes + payload.Length];
        BinaryPrimitives.WriteInt64BigEndian(plaintext, expiresAt);
        payload.CopyTo(plaintext.AsSpan(ExpiryBytes));

        var ciphertext = sealedBytes.AsSpan(headerBytes + NonceBytes, plaintext.Length);
        var tag = sealedBytes.AsSpan(headerBytes + NonceBytes + plaintext.Length, TagBytes);
        AesFor(key).Encrypt(nonce, plaintext, ciphertext, tag, AssociatedData(sealedBytes.AsSpan(0, headerBytes), purpose));

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
        if (status != System.Buffers.OperationStatus.Done || consumed != session.Length || length < 1)
        {
            return null;
        }

        // The header names the key's generation (SealHeader).
        if (SealHeader.Read(sealedBytes.AsSpan(0, length)) is not { } header || _keys.Find(header.KeyId) is not { } key
            || length < header.Length + NonceBytes + ExpiryBytes + TagBytes)
        {
            return null;
        }

        var headerBytes = header.Length;

        var nonce = sealedBytes.AsSpan(headerBytes, NonceBytes);
        var ciphertext = sealedBytes.AsSpan(headerBytes + NonceBytes, length - headerBytes - NonceBytes - TagBytes);
        var tag = sealedBytes.AsSpan(length - TagBytes, TagBytes);
        var plaintext = new byte[ciphertext.Length];
        try
        {
            AesFor(key).Decrypt(nonce, ciphertext, tag, plaintext, AssociatedData(sealedBytes.AsSpan(0, headerBytes), purpose));
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

    private static byte[] CheckLength(ReadOnlySpan<byte> key) => key.Length == KeyBytes
        ? key.ToArray()
        : throw new ArgumentException($"The session key must be {KeyBytes} bytes.", nameof(key));

    /// <summary>This thread's <see cref="AesGcm"/> for <paramref name="key"/>.</summary>
    private static AesGcm AesFor(SealingKey key)
    {
        if (t_aes is null || !ReferenceEquals(t_aesKey, key))
        {
            t_aes?.Dispose();
            t_aes = new AesGcm(key.Key, TagBytes);
            t_aesKey = key;
        }

        return t_aes;
    }

    // The header (version, and the key id when there is one) and the purpose: a seal moved to another purpose or
    // with its header rewritten does not open.
    private static byte[] AssociatedData(ReadOnlySpan<byte> header, string purpose)
    {
        var data = new byte[header.Length + Encoding.UTF8.GetByteCount(purpose)];
        header.CopyTo(data);
        _ = Encoding.UTF8.GetBytes(purpose, data.AsSpan(header.Length));
        return data;
    }
}
