using System.Data.Common;

namespace Ninsho.Storage.Internal;

/// <summary>How one backend binds and reads the values whose storage differs: SQLite keeps timestamps as Unix
/// milliseconds and booleans as 0/1; PostgreSQL keeps timestamptz and boolean, and Npgsql wants a typed parameter
/// for a null. The shared row code (<c>Internal/Rows</c>) binds and reads through this and nothing else.</summary>
/// <remarks>Parameter names carry their <c>@</c>: both Microsoft.Data.Sqlite and Npgsql accept <c>@name</c>, so a
/// statement both backends run the same is one string.</remarks>
internal abstract class SqlDialect
{
    public abstract void Text(DbCommand command, string name, string? value);

    public abstract void Int32(DbCommand command, string name, int? value);

    public abstract void Int64(DbCommand command, string name, long value);

    public abstract void Bool(DbCommand command, string name, bool value);

    /// <summary>A timestamp at millisecond precision (what both backends keep).</summary>
    public abstract void Time(DbCommand command, string name, DateTimeOffset value);

    public abstract DateTimeOffset GetTime(DbDataReader reader, int ordinal);

    /// <summary>Binds the keyset-page parameters: <c>@after</c> (null on the first page) and <c>@take</c>, one more
    /// than the page holds so that <see cref="KeysetPage"/> can tell whether another page follows.</summary>
    public virtual void Page(DbCommand command, string? afterKey, int limit)
    {
        Text(command, "@after", afterKey);
        Int32(command, "@take", limit + 1);
    }

    /// <summary>Every row of <paramref name="select"/>, read by <paramref name="read"/>.</summary>
    public async Task<List<T>> ReadAllAsync<T>(DbCommand select, Func<DbDataReader, SqlDialect, T> read, CancellationToken ct)
    {
        await using var reader = await select.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(read(reader, this));
        }

        return rows;
    }

    /// <summary>The first row of <paramref name="select"/>, or null when there is none.</summary>
    public async Task<T?> ReadFirstAsync<T>(DbCommand select, Func<DbDataReader, SqlDialect, T> read, CancellationToken ct)
        where T : class
    {
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? read(reader, this) : null;
    }

    /// <summary>A nullable timestamp at millisecond precision.</summary>
    public abstract void Time(DbCommand command, string name, DateTimeOffset? value);

    /// <summary>A JSON document kept as text (SQLite) or jsonb (PostgreSQL).</summary>
    public abstract void Json(DbCommand command, string name, string value);

    public abstract bool GetBool(DbDataReader reader, int ordinal);

    public DateTimeOffset? GetNullableTime(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : GetTime(reader, ordinal);

    /// <summary>A byte string kept as a blob (SQLite) or bytea (PostgreSQL).</summary>
    public abstract void Bytes(DbCommand command, string name, byte[] value);
}
