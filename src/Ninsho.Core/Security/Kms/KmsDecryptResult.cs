namespace Ninsho.Core.Security.Kms;

/// <summary>What a KMS <c>Decrypt</c> answers: the key that wrapped the data and the data itself.</summary>
public sealed record KmsDecryptResult(string KeyId, byte[] Plaintext);
