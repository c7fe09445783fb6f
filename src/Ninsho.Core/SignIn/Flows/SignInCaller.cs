namespace Ninsho.Core.SignIn;

/// <summary>What the caller of a sign-in operation sent beside its parameters: <c>ClientMetadata</c> and the IP
/// address for auth events (<see cref="SignInContext.IpFrom"/>).</summary>
internal sealed record SignInCaller(IReadOnlyDictionary<string, string>? ClientMetadata, string? IpAddress);
