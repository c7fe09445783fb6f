namespace Ninsho.Core.Signing;

/// <summary>AWS credentials to sign outgoing calls with.</summary>
public sealed record AwsSigningCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken);
