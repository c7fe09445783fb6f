namespace Ninsho.Protocol.Errors;

/// <summary>An error sent to the client as <c>{"__type": Type, "message": Message}</c>.
/// Create it through <see cref="CognitoErrors"/> only, so that every message lives in one catalogue.</summary>
public sealed class CognitoException : Exception
{
    internal CognitoException(string type, string message, int statusCode = 400)
        : base(message)
    {
        Type = type;
        StatusCode = statusCode;
    }

    /// <summary>The error type: a model exception shape name or a protocol error name.</summary>
    public string Type { get; }

    /// <summary>The HTTP status: 400 for every client error, as the live service answers.</summary>
    public int StatusCode { get; }
}
