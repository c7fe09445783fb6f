using System.Text.Json.Nodes;

namespace Ninsho.Server.WebConsole;

/// <summary>An operation's answer, or the error it answered (the type and message a client of the API would get).</summary>
public sealed record ConsoleAnswer(JsonNode? Body, string? ErrorType, string? ErrorMessage)
{
    public bool Ok => ErrorType is null;

    /// <summary>"Type: message", for the page.</summary>
    public string? Error => ErrorType is null ? null : $"{ErrorType}: {ErrorMessage}";

    public JsonNode? this[string member] => Body?[member];
}
