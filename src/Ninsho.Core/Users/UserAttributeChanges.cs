using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Users;

/// <summary>Attribute changes applied to a user's attributes, by the attribute operations and the new-password
/// challenge alike.</summary>
internal static class UserAttributeChanges
{
    /// <summary><paramref name="current"/> with <paramref name="changes"/>; a changed email or phone number becomes
    /// unverified unless the same change sets its <c>_verified</c> flag.</summary>
    public static Dictionary<string, string> Apply(IReadOnlyDictionary<string, string> current, IReadOnlyList<AttributeType> changes)
    {
        var next = new Dictionary<string, string>(current, StringComparer.Ordinal);
        foreach (var change in changes)
        {
            var value = change.Value ?? string.Empty;
            var changed = !current.TryGetValue(change.Name, out var old) || old != value;
            next[change.Name] = value;
            if (changed && change.Name is "email" or "phone_number" && !changes.Any(c => c.Name == change.Name + "_verified"))
            {
                next[change.Name + "_verified"] = "false";
            }
        }

        return next;
    }
}
