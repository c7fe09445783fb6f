using System.Text.Json;
using System.Text.Json.Nodes;
using Ninsho.Protocol.Errors;

namespace Ninsho.Core.Triggers;

/// <summary>Reads members of a function's <c>response</c>: a missing or null member means Cognito's default, a
/// member of the wrong JSON type is "Unrecognizable lambda output" (docs/triggers.md#errors).</summary>
public static class TriggerResponse
{
    /// <summary>A boolean member; false when missing or null.</summary>
    public static bool Flag(JsonObject response, string name)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response[name] switch
        {
            null => false,
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
            _ => throw CognitoErrors.TriggerUnrecognizableOutput(),
        };
    }

    /// <summary>A string member; null when missing or null.</summary>
    public static string? Text(JsonObject response, string name)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response[name] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => throw CognitoErrors.TriggerUnrecognizableOutput(),
        };
    }
}
