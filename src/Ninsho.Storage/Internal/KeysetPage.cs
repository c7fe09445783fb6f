namespace Ninsho.Storage.Internal;

/// <summary>Builds a keyset page from up to <c>limit + 1</c> rows: the extra row only says that more exist,
/// so <see cref="Page{T}.NextKey"/> is null exactly on the last page.</summary>
internal static class KeysetPage
{
    public static Page<T> From<T>(List<T> rows, int limit, Func<T, string> key)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(key);
        if (rows.Count <= limit)
        {
            return new Page<T>(rows, null);
        }

        rows.RemoveRange(limit, rows.Count - limit);
        return new Page<T>(rows, key(rows[^1]));
    }
}
