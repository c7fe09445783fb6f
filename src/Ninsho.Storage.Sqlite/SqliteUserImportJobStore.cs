using Ninsho.Storage.Internal;
using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.Sqlite;

internal sealed class SqliteUserImportJobStore(SqliteConnectionFactory db) : IUserImportJobStore
{
    private static readonly SqliteDialect Sql = SqliteDialect.Instance;

    public async Task<CreateResult> CreateAsync(StoredUserImportJob job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var write = await db.BeginWriteAsync(ct);
        using var insert = write.Command(UserImportJobRows.Insert);
        UserImportJobRows.Bind(Sql, insert, job);
        if (await insert.ExecuteNonQueryAsync(ct) == 0)
        {
            return CreateResult.AlreadyExists;
        }

        await write.CommitAsync(ct);
        return CreateResult.Created;
    }

    public async Task<StoredUserImportJob?> FindAsync(string userPoolId, string jobId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(UserImportJobRows.Find);
        UserImportJobRows.Key(Sql, select, userPoolId, jobId);
        return await Sql.ReadFirstAsync(select, UserImportJobRows.Read, ct);
    }

    public async Task<Page<StoredUserImportJob>> ListAsync(string userPoolId, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(UserImportJobRows.List(afterKey));
        Sql.Text(select, "@pool", userPoolId);
        Sql.Page(select, afterKey, limit);
        return KeysetPage.From(await Sql.ReadAllAsync(select, UserImportJobRows.Read, ct), limit, static j => j.JobId);
    }

    public async Task<UpdateResult> UpdateAsync(StoredUserImportJob job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var write = await db.BeginWriteAsync(ct);
        using var update = write.Command(UserImportJobRows.Update);
        UserImportJobRows.Bind(Sql, update, job);
        if (await update.ExecuteNonQueryAsync(ct) == 1)
        {
            await write.CommitAsync(ct);
            return UpdateResult.Updated;
        }

        using var exists = write.Command(UserImportJobRows.Count);
        UserImportJobRows.Key(Sql, exists, job.UserPoolId, job.JobId);
        return (long)(await exists.ExecuteScalarAsync(ct))! == 1 ? UpdateResult.VersionConflict : UpdateResult.NotFound;
    }

    public async Task<StoredUserImportJob?> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset staleBefore, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var claim = write.Command(
            $"{UserImportJobRows.ClaimUpdate}({UserImportJobRows.ClaimCandidate}){UserImportJobRows.ClaimReturning}");
        UserImportJobRows.BindClaim(Sql, claim, owner, now, staleBefore);
        var claimed = await Sql.ReadFirstAsync(claim, UserImportJobRows.Read, ct);
        await write.CommitAsync(ct);
        return claimed;
    }

    public async Task PutCsvAsync(string jobId, byte[] csv, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var put = write.Command(UserImportJobRows.PutCsv);
        Sql.Text(put, "@id", jobId);
        Sql.Bytes(put, "@data", csv);
        _ = await put.ExecuteNonQueryAsync(ct);
        await write.CommitAsync(ct);
    }

    public async Task<byte[]?> GetCsvAsync(string jobId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(UserImportJobRows.GetCsv);
        Sql.Text(select, "@id", jobId);
        return await select.ExecuteScalarAsync(ct) as byte[];
    }
}
