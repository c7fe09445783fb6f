namespace Ninsho.Core.Security.Kms;

/// <summary>One encrypted data key of a message: who wrapped it (<c>aws-kms</c>), which key (its ARN) and the wrapped bytes.</summary>
internal sealed record EncryptedDataKey(string ProviderId, string ProviderInfo, byte[] Ciphertext);
