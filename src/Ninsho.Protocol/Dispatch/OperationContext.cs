namespace Ninsho.Protocol.Dispatch;

/// <summary>What a handler knows about the request besides its body.</summary>
public sealed class OperationContext
{
    /// <summary>The id sent back as <c>x-amzn-RequestId</c>.</summary>
    public required string RequestId { get; init; }

    /// <summary>The operation's name, e.g. <c>AdminCreateUser</c>.</summary>
    public required string OperationName { get; init; }

    /// <summary>The caller's IP address, when known.</summary>
    public string? RemoteAddress { get; init; }

    /// <summary>The region named by the request's SigV4 scope, when it was signed.</summary>
    public string? SignedRegion { get; init; }
}
