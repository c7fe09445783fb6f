namespace Ninsho.Protocol.Dispatch;

/// <summary>The response of an operation whose model has no output shape: serialized as <c>{}</c>.</summary>
public sealed record EmptyResult
{
    /// <summary>The one instance.</summary>
    public static readonly EmptyResult Instance = new();
}
