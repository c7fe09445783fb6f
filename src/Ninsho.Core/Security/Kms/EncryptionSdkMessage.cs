using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Ninsho.Core.Security.Kms;

/// <summary>Writes the AWS Encryption SDK message format as Cognito's custom senders receive it
/// (docs/triggers.md#the-encrypted-code): message format version 1, algorithm suite <c>0x0378</c>
/// (AES-256-GCM, HKDF-SHA384 without salt, ECDSA P-384 signature), framed content in 4096-byte frames. Only the framing is
/// ours; every primitive is .NET's (<see cref="HKDF"/>, <see cref="AesGcm"/>, <see cref="ECDsa"/>).</summary>
internal static class EncryptionSdkMessage
{
    /// <summary>ALG_AES_256_GCM_IV12_TAG16_HKDF_SHA384_ECDSA_P384.</summary>
    public const ushort SuiteId = 0x0378;

    /// <summary>The encryption context key that carries the signature's public key (compressed point, base64).</summary>
    public const string PublicKeyContextKey = "aws-crypto-public-key";

    public const int DataKeyBytes = 32;
    public const int FrameLength = 4096;

    private const byte Version = 0x01;
    private const byte TypeCustomerAuthenticated = 0x80;
    private const byte ContentTypeFramed = 0x02;
    private const int MessageIdBytes = 16;
    private const int IvBytes = 12;
    private const int TagBytes = 16;
    private const uint FinalFrameMarker = 0xFFFFFFFF;

    /// <summary>Encrypts <paramref name="plaintext"/> under a fresh data key. <paramref name="wrap"/> gets the full
    /// encryption context (<paramref name="context"/> plus the signing key's <c>aws-crypto-public-key</c>, as the SDK's
    /// keyrings see it) and the data key, and returns the one encrypted data key to store.</summary>
    public static byte[] Encrypt(
        ReadOnlySpan<byte> plaintext, IReadOnlyDictionary<string, string> context, Func<IReadOnlyDictionary<string, string>, byte[], EncryptedDataKey> wrap)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(wrap);
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var full = new Dictionary<string, string>(context, StringComparer.Ordinal)
        {
            [PublicKeyContextKey] = Convert.ToBase64String(CompressedPoint(signer.ExportParameters(includePrivateParameters: false).Q)),
        };
        var dataKey = RandomNumberGenerator.GetBytes(DataKeyBytes);
        var edk = wrap(full, dataKey);
        var messageId = RandomNumberGenerator.GetBytes(MessageIdBytes);
        var key = DeriveKey(dataKey, messageId);
        CryptographicOperations.ZeroMemory(dataKey);

        using var message = new MemoryStream();
        // Header body.
        message.WriteByte(Version);
        message.WriteByte(TypeCustomerAuthenticated);
        WriteUInt16(message, SuiteId);
        message.Write(messageId);
        var aad = SerializeContext(full);
        WriteUInt16(message, checked((ushort)aad.Length));
        message.Write(aad);
        WriteUInt16(message, 1);
        WriteField(message, Encoding.UTF8.GetBytes(edk.ProviderId));
        WriteField(message, Encoding.UTF8.GetBytes(edk.ProviderInfo));
        WriteField(message, edk.Ciphertext);
        message.WriteByte(ContentTypeFramed);
        WriteUInt32(message, 0); // reserved
        message.WriteByte(IvBytes);
        WriteUInt32(message, FrameLength);

        using var aes = new AesGcm(key, TagBytes);
        // Header authentication: GCM over nothing, the header body as associated data, IV zero.
        var headerBody = message.ToArray();
        var headerTag = new byte[TagBytes];
        var zeroIv = new byte[IvBytes];
        aes.Encrypt(zeroIv.AsSpan(), ReadOnlySpan<byte>.Empty, Span<byte>.Empty, headerTag.AsSpan(), headerBody.AsSpan());
        message.Write(zeroIv);
        message.Write(headerTag);

        // Body: regular frames of FrameLength, then the final frame (possibly empty).
        uint sequence = 1;
        var offset = 0;
        while (plaintext.Length - offset >= FrameLength)
        {
            WriteUInt32(message, sequence);
            WriteFrame(message, aes, messageId, sequence, final: false, plaintext.Slice(offset, FrameLength));
            offset += FrameLength;
            sequence++;
        }

        WriteUInt32(message, FinalFrameMarker);
        WriteUInt32(message, sequence);
        WriteFrame(message, aes, messageId, sequence, final: true, plaintext[offset..]);
        CryptographicOperations.ZeroMemory(key);

        // Footer: ECDSA P-384 / SHA-384 over header and body, DER-encoded.
        var signature = signer.SignData(message.ToArray(), HashAlgorithmName.SHA384, DSASignatureFormat.Rfc3279DerSequence);
        WriteField(message, signature);
        return message.ToArray();
    }

    /// <summary>Reads the header of a message: suite, message id, encryption context and encrypted data keys.
    /// Throws <see cref="FormatException"/> when the bytes are not a version 1 message.</summary>
    public static EncryptionSdkHeader ReadHeader(ReadOnlySpan<byte> message)
    {
        try
        {
            var at = 0;
            if (message[at++] != Version || message[at++] != TypeCustomerAuthenticated)
            {
                throw new FormatException("Not an AWS Encryption SDK message of format version 1.");
            }

            var suite = BinaryPrimitives.ReadUInt16BigEndian(message[at..]);
            at += 2;
            var messageId = message.Slice(at, MessageIdBytes).ToArray();
            at += MessageIdBytes;
            var aadLength = BinaryPrimitives.ReadUInt16BigEndian(message[at..]);
            at += 2;
            var context = DeserializeContext(message.Slice(at, aadLength));
            at += aadLength;
            var count = BinaryPrimitives.ReadUInt16BigEndian(message[at..]);
            at += 2;
            var keys = new List<EncryptedDataKey>(count);
            for (var i = 0; i < count; i++)
            {
                var providerId = Encoding.UTF8.GetString(ReadField(message, ref at));
                var providerInfo = Encoding.UTF8.GetString(ReadField(message, ref at));
                keys.Add(new EncryptedDataKey(providerId, providerInfo, ReadField(message, ref at).ToArray()));
            }

            return new EncryptionSdkHeader(suite, messageId, context, keys);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new FormatException("The message ends inside its header.", e);
        }
        catch (IndexOutOfRangeException e)
        {
            throw new FormatException("The message ends inside its header.", e);
        }
    }

    /// <summary>The encryption context as the message format serializes it: a count, then each key and value with a
    /// 2-byte length, keys in ascending order of their UTF-8 bytes; empty for an empty context.</summary>
    public static byte[] SerializeContext(IReadOnlyDictionary<string, string> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Count == 0)
        {
            return [];
        }

        var pairs = context
            .Select(p => (Key: Encoding.UTF8.GetBytes(p.Key), Value: Encoding.UTF8.GetBytes(p.Value)))
            .OrderBy(p => p.Key, ByteOrder.Instance)
            .ToList();
        using var buffer = new MemoryStream();
        WriteUInt16(buffer, checked((ushort)pairs.Count));
        foreach (var (k, v) in pairs)
        {
            WriteField(buffer, k);
            WriteField(buffer, v);
        }

        return buffer.ToArray();
    }

    private static Dictionary<string, string> DeserializeContext(ReadOnlySpan<byte> bytes)
    {
        var context = new Dictionary<string, string>(StringComparer.Ordinal);
        if (bytes.IsEmpty)
        {
            return context;
        }

        var at = 0;
        var count = BinaryPrimitives.ReadUInt16BigEndian(bytes);
        at += 2;
        for (var i = 0; i < count; i++)
        {
            var key = Encoding.UTF8.GetString(ReadField(bytes, ref at));
            context[key] = Encoding.UTF8.GetString(ReadField(bytes, ref at));
        }

        return context;
    }

    /// <summary>HKDF-SHA384 of the data key, no salt (zeros), info = suite id followed by the message id; 32 bytes.</summary>
    private static byte[] DeriveKey(byte[] dataKey, byte[] messageId)
    {
        var info = new byte[2 + messageId.Length];
        BinaryPrimitives.WriteUInt16BigEndian(info, SuiteId);
        messageId.CopyTo(info, 2);
        return HKDF.DeriveKey(HashAlgorithmName.SHA384, dataKey, DataKeyBytes, salt: [], info);
    }

    /// <summary>Writes one frame's IV, (final: content length,) encrypted content and tag. The IV is the sequence
    /// number padded to 12 bytes; the associated data is the message id, the frame kind's string, the sequence number
    /// and the plaintext length.</summary>
    private static void WriteFrame(MemoryStream message, AesGcm aes, byte[] messageId, uint sequence, bool final, ReadOnlySpan<byte> plaintext)
    {
        var iv = new byte[IvBytes];
        BinaryPrimitives.WriteUInt32BigEndian(iv.AsSpan(IvBytes - 4), sequence);
        var kind = Encoding.UTF8.GetBytes(final ? "AWSKMSEncryptionClient Final Frame" : "AWSKMSEncryptionClient Frame");
        var aad = new byte[messageId.Length + kind.Length + 4 + 8];
        messageId.CopyTo(aad, 0);
        kind.CopyTo(aad, messageId.Length);
        BinaryPrimitives.WriteUInt32BigEndian(aad.AsSpan(messageId.Length + kind.Length), sequence);
        BinaryPrimitives.WriteUInt64BigEndian(aad.AsSpan(messageId.Length + kind.Length + 4), (ulong)plaintext.Length);

        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[TagBytes];
        aes.Encrypt(iv, plaintext, ciphertext, tag, aad);
        message.Write(iv);
        if (final)
        {
            WriteUInt32(message, (uint)plaintext.Length);
        }

        message.Write(ciphertext);
        message.Write(tag);
    }

    /// <summary>An elliptic curve point in SEC 1 compressed form: 0x02 or 0x03 (the parity of y), then x.</summary>
    private static byte[] CompressedPoint(ECPoint q)
    {
        var x = q.X!;
        var y = q.Y!;
        var point = new byte[1 + x.Length];
        point[0] = (byte)((y[^1] & 1) == 0 ? 0x02 : 0x03);
        x.CopyTo(point, 1);
        return point;
    }

    private static ReadOnlySpan<byte> ReadField(ReadOnlySpan<byte> bytes, ref int at)
    {
        var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[at..]);
        at += 2;
        var field = bytes.Slice(at, length);
        at += length;
        return field;
    }

    private static void WriteField(MemoryStream stream, byte[] value)
    {
        WriteUInt16(stream, checked((ushort)value.Length));
        stream.Write(value);
    }

    private static void WriteUInt16(MemoryStream stream, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        stream.Write(bytes);
    }

    private static void WriteUInt32(MemoryStream stream, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        stream.Write(bytes);
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
