using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Ninsho.Core.Security.Kms;
using Xunit;

namespace Ninsho.UnitTests.Security;

/// <summary>The AWS Encryption SDK message of a custom sender's code (docs/triggers.md#the-encrypted-code), read back
/// here by the specification's rules independently of the writer. (The wire test decrypts it with
/// <c>@aws-crypto/client-node</c>, which also checks the header tag and the signature.)</summary>
public sealed class EncryptionSdkMessageTests
{
    private const string KeyArn = "arn:aws:kms:ap-northeast-1:123456789012:key/0f5e3c1a-7b2d-4e8f-9a61-2c4d8b7e5f30";

    [Fact]
    public void Does_write_a_version_1_message_of_suite_0378_whose_final_frame_opens_with_the_derived_key()
    {
        byte[]? dataKey = null;
        IReadOnlyDictionary<string, string>? wrappedContext = null;
        var message = EncryptionSdkMessage.Encrypt(Encoding.UTF8.GetBytes("123456"),
            new Dictionary<string, string> { ["userpool-id"] = "ap-northeast-1_AbC" },
            (context, key) =>
            {
                (dataKey, wrappedContext) = (key.ToArray(), context);
                return new EncryptedDataKey("aws-kms", KeyArn, [1, 2, 3]);
            });

        var header = EncryptionSdkMessage.ReadHeader(message);
        Assert.Equal(0x0378, header.SuiteId);
        Assert.Equal(["aws-crypto-public-key", "userpool-id"], header.Context.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(wrappedContext, header.Context);
        Assert.Equal(49, Convert.FromBase64String(header.Context["aws-crypto-public-key"]).Length); // compressed P-384 point
        var edk = Assert.Single(header.DataKeys);
        Assert.Equal(("aws-kms", KeyArn), (edk.ProviderId, edk.ProviderInfo));

        // Header body length: fixed fields, the AAD and the one data key; then IV(12) and tag(16).
        var aad = EncryptionSdkMessage.SerializeContext(header.Context);
        var at = 1 + 1 + 2 + 16 + 2 + aad.Length + 2 + (2 + 7) + (2 + KeyArn.Length) + (2 + 3) + 1 + 4 + 1 + 4;
        Assert.Equal(4096u, BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(at - 4)));
        Assert.Equal(new byte[12], message.AsSpan(at, 12).ToArray());
        at += 12 + 16;

        // The final frame: FF FF FF FF, sequence 1, IV = the sequence number, content length, content, tag.
        Assert.Equal(0xFFFFFFFFu, BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(at)));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(at + 4)));
        var iv = message.AsSpan(at + 8, 12).ToArray();
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, iv);
        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(at + 20));
        var ciphertext = message.AsSpan(at + 24, length).ToArray();
        var tag = message.AsSpan(at + 24 + length, 16).ToArray();

        var info = new byte[] { 0x03, 0x78 }.Concat(header.MessageId).ToArray();
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA384, dataKey!, 32, salt: null, info);
        var bodyAad = header.MessageId.Concat(Encoding.UTF8.GetBytes("AWSKMSEncryptionClient Final Frame"))
            .Concat(new byte[] { 0, 0, 0, 1 }).Concat(new byte[] { 0, 0, 0, 0, 0, 0, 0, 6 }).ToArray();
        var plaintext = new byte[length];
        using (var aes = new AesGcm(key, 16))
        {
            aes.Decrypt(iv, ciphertext, tag, plaintext, bodyAad);
        }

        Assert.Equal("123456", Encoding.UTF8.GetString(plaintext));
        var footerAt = at + 24 + length + 16;
        Assert.Equal(message.Length - footerAt - 2, BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(footerAt)));
    }

    [Fact]
    public void Does_refuse_to_read_what_is_not_a_message()
    {
        _ = Assert.Throws<FormatException>(() => EncryptionSdkMessage.ReadHeader("not a message"u8));
        _ = Assert.Throws<FormatException>(() => EncryptionSdkMessage.ReadHeader(new byte[] { 0x01, 0x80, 0x03 }));
    }
}
