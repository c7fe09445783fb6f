namespace Ninsho.Core.Security.Kms;

/// <summary>The header fields of a message that a reader needs to find its data key.</summary>
internal sealed record EncryptionSdkHeader(ushort SuiteId, byte[] MessageId, IReadOnlyDictionary<string, string> Context, IReadOnlyList<EncryptedDataKey> DataKeys);
