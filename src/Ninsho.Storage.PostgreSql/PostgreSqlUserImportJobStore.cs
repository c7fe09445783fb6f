using Ninsho.Storage.Internal;
using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlUserImportJobStore(PostgreSqlCommands db) : IUserImportJobStore
{
    private static readonly PostgreSqlDialect Sql = PostgreSqlDialect.Instance;

    public async Task<CreateResult> CreateAsync(StoredUserImportJob job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var insert = db.CreateCommand(UserImportJobRows.Insert);
        UserImportJobRows.Bind(Sql, insert, job);
        return await insert.ExecuteNonQueryAsync(ct) == 1 ? CreateResult.Created : CreateResult.AlreadyExists;
    }

    public async Task<StoredUserImportJob?> FindAsync(string userPoolId, string jobId, CancellationToken ct)
    {
        await using var select = db.CreateCommand(UserImportJobRows.Find);
        UserImportJobRows.Key(Sql, select, userPoolId, jobId);
        return await Sql.ReadFirstAsync(select, UserImportJobRows.Read, ct);
    }

    public async Task<Page<StoredUserImportJob>> ListAsync(string userPoolId, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var select = db.CreateCommand(UserImportJobRows.List(afterKey));
        Sql.Text(select, "@pool", userPoolId);
        Sql.Page(select, afterKey, limit);
        return KeysetPage.From(await Sql.ReadAllAsync(select, UserImportJobRows.Read, ct), limit, static j => j.JobId);
    }

    public async Task<UpdateResult> UpdateAsync(StoredUserImportJob job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var update = db.CreateCommand(UserImportJobRows.Update);
        UserImportJobRows.Bind(Sql, update, job);
        if (await update.ExecuteNonQueryAsync(ct) == 1)
        {
            return UpdateResult.Updated;
        }

        return await FindAsync(job.UserPoolId, job.JobId, ct) is null ? UpdateResult.NotFound : UpdateResult.VersionConflict;
    }

    public async Task<StoredUserImportJob?> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset staleBefore, CancellationToken ct)
    {
        // SKIP LOCKED: nodes claiming at the same moment take different jobs instead of queueing on one row.
        await using var claim = db.CreateCommand(
            $"{UserImportJobRows.ClaimUpdate}({UserImportJobRows.ClaimCandidate} FOR UPDATE SKIP LOCKED){UserImportJobRows.ClaimReturning}");
        UserImportJobRows.BindClaim(Sql, claim, owner, now, staleBefore);
        return await Sql.ReadFirstAsync(claim, UserImportJobRows.Read, ct);
    }

    public async Task PutCsvAsync(string jobId, byte[] csv, CancellationToken ct)
    {
        await using var put = db.CreateCommand(UserImportJobRows.PutCsv);
        Sql.Text(put, "@id", jobId);
        Sql.Bytes(put, "@data", csv);
        _ = await put.ExecuteNonQueryAsync(ct);
    }

    public async Task<byte[]?> GetCsvAsync(string jobId, CancellationToken ct)
    {
        await using var select = db.CreateCommand(UserImportJobRows.GetCsv);
        Sql.Text(select, "@id", jobId);
        return await select.ExecuteScalarAsync(ct) as byte[];
    }
}
