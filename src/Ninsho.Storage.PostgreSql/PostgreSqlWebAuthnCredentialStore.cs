using Ninsho.Storage.Internal;
using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlWebAuthnCredentialStore(PostgreSqlCommands db) : IWebAuthnCredentialStore
{
    private static readonly PostgreSqlDialect Sql = PostgreSqlDialect.Instance;

    public async Task<CreateResult> CreateAsync(StoredWebAuthnCredential credential, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(credential);
        await using var insert = db.CreateCommand(WebAuthnCredentialRows.Insert);
        WebAuthnCredentialRows.Bind(Sql, insert, credential);
        return await insert.ExecuteNonQueryAsync(ct) == 1 ? CreateResult.Created : CreateResult.AlreadyExists;
    }

    public async Task<StoredWebAuthnCredential?> FindAsync(string userPoolId, string credentialId, CancellationToken ct)
    {
        await using var select = db.CreateCommand(WebAuthnCredentialRows.Find);
        WebAuthnCredentialRows.Key(Sql, select, userPoolId, credentialId);
        return await Sql.ReadFirstAsync(select, WebAuthnCredentialRows.Read, ct);
    }

    public async Task<Page<StoredWebAuthnCredential>> ListAsync(string userPoolId, string usernameKey, int limit, string? afterId, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var select = db.CreateCommand(WebAuthnCredentialRows.List(afterId));
        Sql.Text(select, "@pool", userPoolId);
        Sql.Text(select, "@user", usernameKey);
        Sql.Page(select, afterId, limit);
        return KeysetPage.From(await Sql.ReadAllAsync(select, WebAuthnCredentialRows.Read, ct), limit, static c => c.CredentialId);
    }

    public async Task<bool> DeleteAsync(string userPoolId, string usernameKey, string credentialId, CancellationToken ct)
    {
        await using var delete = db.CreateCommand(WebAuthnCredentialRows.Delete);
        WebAuthnCredentialRows.Key(Sql, delete, userPoolId, credentialId);
        Sql.Text(delete, "@user", usernameKey);
        return await delete.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<bool> RecordUseAsync(string userPoolId, string credentialId, long signCount, DateTimeOffset usedAt, CancellationToken ct)
    {
        await using var update = db.CreateCommand(WebAuthnCredentialRows.RecordUse);
        WebAuthnCredentialRows.Key(Sql, update, userPoolId, credentialId);
        Sql.Int64(update, "@count", signCount);
        Sql.Time(update, "@used", usedAt);
        return await update.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task SaveRegistrationAsync(StoredWebAuthnRegistration registration, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(registration);
        await using var upsert = db.CreateCommand(WebAuthnCredentialRows.SaveRegistration);
        WebAuthnCredentialRows.BindRegistration(Sql, upsert, registration);
        _ = await upsert.ExecuteNonQueryAsync(ct);
    }

    public async Task<StoredWebAuthnRegistration?> TakeRegistrationAsync(string userPoolId, string usernameKey, CancellationToken ct)
    {
        await using var delete = db.CreateCommand(WebAuthnCredentialRows.TakeRegistration);
        Sql.Text(delete, "@pool", userPoolId);
        Sql.Text(delete, "@user", usernameKey);
        return await Sql.ReadFirstAsync(delete, WebAuthnCredentialRows.ReadRegistration, ct);
    }
}
