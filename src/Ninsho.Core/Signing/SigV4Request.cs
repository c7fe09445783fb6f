namespace Ninsho.Core.Signing;

/// <summary>What SigV4 verification reads from an HTTP request.</summary>
/// <param name="Method">The HTTP method, e.g. <c>POST</c>.</param>
/// <param name="Path">The request path, e.g. <c>/</c>.</param>
/// <param name="Query">The raw query string without <c>?</c> (empty for the AWS JSON protocol).</param>
/// <param name="Header">Returns a header's values joined by commas, or null when absent (name is lower-case).</param>
/// <param name="Body">The exact body bytes.</param>
public sealed record SigV4Request(string Method, string Path, string Query, Func<string, string?> Header, ReadOnlyMemory<byte> Body);
