using System.Text.Json.Nodes;
using Ninsho.Core.Security.Srp;

namespace Ninsho.Core.Users;

/// <summary>The user's SRP salt and verifier, kept in ExtraJson under <c>srp</c> (<c>{"salt": hex, "verifier": hex}</c>).
/// Users whose password was set before SRP existed have none until their next password sign-in.</summary>
internal static class UserSrpVerifier
{
    private const string Key = "srp";

    public static SrpCredential? Read(string? extraJson)
    {
        if (string.IsNullOrEmpty(extraJson) || JsonNode.Parse(extraJson) is not JsonObject root
            || root[Key] is not JsonObject srp
            || srp["salt"]?.GetValue<string>() is not { } salt || srp["verifier"]?.GetValue<string>() is not { } verifier)
        {
            return null;
        }

        return new SrpCredential(salt, verifier);
    }

    /// <summary><paramref name="extraJson"/> with <c>srp</c> replaced by <paramref name="credential"/>; other keys kept.</summary>
    public static string Write(string? extraJson, SrpCredential credential)
    {
        var root = string.IsNullOrEmpty(extraJson) ? [] : JsonNode.Parse(extraJson) as JsonObject ?? [];
        root[Key] = new JsonObject { ["salt"] = credential.Salt, ["verifier"] = credential.Verifier };
        return root.ToJsonString();
    }
}
