using Npgsql;

namespace Ninsho.Storage.PostgreSql;

internal static class PostgreSqlResults
{
    /// <summary>Reads <c>SELECT updated_count, row_exists</c> into an <see cref="UpdateResult"/>.</summary>
    public static async Task<UpdateResult> ReadUpdateAsync(NpgsqlCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        _ = await reader.ReadAsync(ct);
        return reader.GetInt64(0) == 1 ? UpdateResult.Updated
            : reader.GetBoolean(1) ? UpdateResult.VersionConflict
            : UpdateResult.NotFound;
    }
}
