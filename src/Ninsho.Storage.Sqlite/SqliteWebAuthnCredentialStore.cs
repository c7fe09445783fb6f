using Ninsho.Storage.Internal;
using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.Sqlite;

internal sealed class SqliteWebAuthnCredentialStore(SqliteConnectionFactory db) : IWebAuthnCredentialStore
{
    private static readonly SqliteDialect Sql = SqliteDialect.Instance;

    public async Task<CreateResult> CreateAsync(StoredWebAuthnCredential credential, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(credential);
        await using var write = await db.BeginWriteAsync(ct);
        using var insert = write.Command(WebAuthnCredentialRows.Insert);
        WebAuthnCredentialRows.Bind(Sql, insert, credential);
        if (await insert.ExecuteNonQueryAsync(ct) == 0)
        {
            return CreateResult.AlreadyExists;
        }

        await write.CommitAsync(ct);
        return CreateResult.Created;
    }

    public async Task<StoredWebAuthnCredential?> FindAsync(string userPoolId, string credentialId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(WebAuthnCredentialRows.Find);
        WebAuthnCredentialRows.Key(Sql, select, userPoolId, credentialId);
        return await Sql.ReadFirstAsync(select, WebAuthnCredentialRows.Read, ct);
    }

    public async Task<Page<StoredWebAuthnCredential>> ListAsync(string userPoolId, string usernameKey, int limit, string? afterId, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(WebAuthnCredentialRows.List(afterId));
        Sql.Text(select, "@pool", userPoolId);
        Sql.Text(select, "@user", usernameKey);
        Sql.Page(select, afterId, limit);
        return KeysetPage.From(await Sql.ReadAllAsync(select, WebAuthnCredentialRows.Read, ct), limit, static c => c.CredentialId);
    }

    public async Task<bool> DeleteAsync(string userPoolId, string usernameKey, string credentialId, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var delete = write.Command(WebAuthnCredentialRows.Delete);
        WebAuthnCredentialRows.Key(Sql, delete, userPoolId, credentialId);
        Sql.Text(delete, "@user", usernameKey);
        var deleted = await delete.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return deleted;
    }

    public async Task<bool> RecordUseAsync(string userPoolId, string credentialId, long signCount, DateTimeOffset usedAt, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var update = write.Command(WebAuthnCredentialRows.RecordUse);
        WebAuthnCredentialRows.Key(Sql, update, userPoolId, credentialId);
        Sql.Int64(update, "@count", signCount);
        Sql.Time(update, "@used", usedAt);
        var updated = await update.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return updated;
    }

    public async Task SaveRegistrationAsync(StoredWebAuthnRegistration registration, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(registration);
        await using var write = await db.BeginWriteAsync(ct);
        using var upsert = write.Command(WebAuthnCredentialRows.SaveRegistration);
        WebAuthnCredentialRows.BindRegistration(Sql, upsert, registration);
        _ = await upsert.ExecuteNonQueryAsync(ct);
        await write.CommitAsync(ct);
    }

    public async Task<StoredWebAuthnRegistration?> TakeRegistrationAsync(string userPoolId, string usernameKey, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var delete = write.Command(WebAuthnCredentialRows.TakeRegistration);
        Sql.Text(delete, "@pool", userPoolId);
        Sql.Text(delete, "@user", usernameKey);
        var taken = await Sql.ReadFirstAsync(delete, WebAuthnCredentialRows.ReadRegistration, ct);
        await write.CommitAsync(ct);
        return taken;
    }
}
