using System.Text.Json.Nodes;
using Ninsho.Core.Features.UserPools;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Users;

/// <summary>
/// UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate: a new email or phone_number for a user who
/// already has one is held under <c>pendingAttributes</c> in the user's ExtraJson, and a code goes to the new value;
/// the user keeps (and signs in and receives messages with) the old value and its verified state until
/// VerifyUserAttribute makes the held value current. Setting <c>email_verified</c>/<c>phone_number_verified</c> to
/// true in the same admin update applies the new value at once, as the model documents.
/// </summary>
internal static class PendingAttributes
{
    private const string Key = "pendingAttributes";

    /// <summary>The changes to apply now, and the values to hold until verified.</summary>
    public static (List<AttributeType> Now, Dictionary<string, string> Held) Split(UserPoolSettings pool, StoredUser user, IReadOnlyList<AttributeType> changes)
    {
        var guarded = pool.Config.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? [];
        var now = new List<AttributeType>();
        var held = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            if (change.Name is "email" or "phone_number"
                && guarded.Contains(change.Name)
                && change.Value is { Length: > 0 } value
                && user.Attributes.GetValueOrDefault(change.Name) is { Length: > 0 } current
                && current != value
                && !changes.Any(c => c.Name == change.Name + "_verified" && c.Value == "true"))
            {
                held[change.Name] = value;
            }
            else
            {
                now.Add(change);
            }
        }

        return (now, held);
    }

    /// <summary>The value held for <paramref name="attribute"/>, if any.</summary>
    public static string? Get(string? extraJson, string attribute) =>
        Parse(extraJson)[Key] is JsonObject pending && pending[attribute] is JsonValue value ? value.GetValue<string>() : null;

    /// <summary>ExtraJson after an update: <paramref name="held"/> values are pending, and any other email or phone
    /// the update set is no longer pending.</summary>
    public static string? Record(string? extraJson, IReadOnlyList<AttributeType> changes, IReadOnlyDictionary<string, string> held)
    {
        var touched = changes.Select(c => c.Name).Where(n => n is "email" or "phone_number").ToList();
        if (touched.Count == 0)
        {
            return extraJson;
        }

        var root = Parse(extraJson);
        var pending = root[Key] as JsonObject ?? [];
        foreach (var name in touched)
        {
            if (held.TryGetValue(name, out var value))
            {
                pending[name] = value;
            }
            else
            {
                _ = pending.Remove(name);
            }
        }

        root[Key] = pending;
        return root.ToJsonString();
    }

    /// <summary>The user with the held value of <paramref name="attribute"/> made current (and no longer held).</summary>
    public static StoredUser Promote(StoredUser user, string attribute)
    {
        if (Get(user.ExtraJson, attribute) is not { } value)
        {
            return user;
        }

        var root = Parse(user.ExtraJson);
        _ = ((JsonObject)root[Key]!).Remove(attribute);
        return user with
        {
            Attributes = new Dictionary<string, string>(user.Attributes, StringComparer.Ordinal) { [attribute] = value },
            ExtraJson = root.ToJsonString(),
        };
    }

    private static JsonObject Parse(string? extraJson) =>
        extraJson is { Length: > 0 } && JsonNode.Parse(extraJson) is JsonObject o ? o : [];
}
