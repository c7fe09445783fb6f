namespace Ninsho.Core.SignIn;

/// <summary>What the caller of a sign-in operation sent beside its parameters: <c>ClientMetadata</c>, the IP
/// address for auth events (<see cref="SignInContext.IpFrom"/>) and the request id the call is answered with (for
/// exported auth events).</summary>
internal sealed record SignInCaller(IReadOnlyDictionary<string, string>? ClientMetadata, string? IpAddress, string? RequestId = null);
