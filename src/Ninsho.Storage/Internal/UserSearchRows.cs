namespace Ninsho.Storage.Internal;

/// <summary>The rows of the <c>user_search</c> index table for one user: one per searchable attribute that has a value.</summary>
internal static class UserSearchRows
{
    public static List<KeyValuePair<string, string>> For(StoredUser user)
    {
        var rows = new List<KeyValuePair<string, string>>(SearchableAttributes.All.Count);
        foreach (var attribute in SearchableAttributes.All)
        {
            if (SearchableAttributes.ValueOf(user, attribute) is { } value)
            {
                rows.Add(new(attribute, value));
            }
        }

        return rows;
    }

    /// <summary><c>attr IN (…)</c> over every searchable attribute: finds one user's rows through the
    /// (pool_id, attr, username_key) index with one seek per attribute.</summary>
    public static readonly string AnyAttributeSql =
        $"attr IN ({string.Join(", ", SearchableAttributes.All.Select(static a => $"'{a}'"))})";

    /// <summary>Throws unless <paramref name="filter"/> names a searchable attribute.</summary>
    public static void Validate(UserFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (!SearchableAttributes.All.Contains(filter.Attribute))
        {
            throw new ArgumentException($"'{filter.Attribute}' is not a searchable attribute.", nameof(filter));
        }
    }
}
