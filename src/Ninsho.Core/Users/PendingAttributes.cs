using System.Collections.Immutable;
using Ninsho.Core.Pools;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Users;

/// <summary>
/// UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate: a new email or phone_number for a user who
/// already has one is held in the user's state (<see cref="UserState.PendingAttributes"/>), and a code goes to the new value;
/// the user keeps (and signs in and receives messages with) the old value and its verified state until
/// VerifyUserAttribute makes the held value current. Setting <c>email_verified</c>/<c>phone_number_verified</c> to
/// true in the same admin update applies the new value at once, as the model documents.
/// </summary>
internal static class PendingAttributes
{
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
    public static string? Get(StoredUser user, string attribute) => UserState.Read(user).PendingAttributes?.GetValueOrDefault(attribute);

    /// <summary>The state after an update: <paramref name="held"/> values are pending, and any other email or phone
    /// the update set is no longer pending.</summary>
    public static UserState Record(UserState state, IReadOnlyList<AttributeType> changes, IReadOnlyDictionary<string, string> held)
    {
        var touched = changes.Select(c => c.Name).Where(n => n is "email" or "phone_number").ToList();
        if (touched.Count == 0)
        {
            return state;
        }

        var pending = state.PendingAttributes ?? ImmutableDictionary<string, string>.Empty;
        foreach (var name in touched)
        {
            pending = held.TryGetValue(name, out var value) ? pending.SetItem(name, value) : pending.Remove(name);
        }

        return state with { PendingAttributes = pending };
    }

    /// <summary>The user with the held value of <paramref name="attribute"/> made current (and no longer held).</summary>
    public static StoredUser Promote(StoredUser user, string attribute)
    {
        var state = UserState.Read(user);
        if (state.PendingAttributes?.GetValueOrDefault(attribute) is not { } value)
        {
            return user;
        }

        return user with
        {
            Attributes = new Dictionary<string, string>(user.Attributes, StringComparer.Ordinal) { [attribute] = value },
            ExtraJson = (state with { PendingAttributes = state.PendingAttributes.Remove(attribute) }).Write(),
        };
    }
}
