namespace Ninsho.Server.Hosting;

/// <summary>How the server writes its log: <c>text</c> (the console's plain lines) or <c>json</c> (one JSON object
/// per line, with a <c>request</c> event per API call; docs/operations.md#logs).</summary>
public enum LogFormat
{
    /// <summary>Plain text lines; warnings and errors only.</summary>
    Text,

    /// <summary>JSON lines through the console's JSON formatter, with one <c>request</c> event per API call.</summary>
    Json,
}
