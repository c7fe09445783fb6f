using Microsoft.Data.Sqlite;
using Ninsho.Storage.Internal;

namespace Ninsho.Storage.Sqlite;

internal sealed class SqliteWebAuthnCredentialStore(SqliteConnectionFactory db) : IWebAuthnCredentialStore
{
    private const string Columns =
        "pool_id, credential_id, username_key, public_key, sign_count, relying_party_id, friendly_name, attachment, transports_json, created_at, last_used_at";

    public async Task<CreateResult> CreateAsync(StoredWebAuthnCredential credential, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(credential);
        await using var write = await db.BeginWriteAsync(ct);
        using var insert = write.Command(
            $"INSERT INTO webauthn_credentials ({Columns}) VALUES ($pool, $id, $user, $key, $count, $rp, $name, $attachment, $transports, $created, $used) " +
            "ON CONFLICT (pool_id, credential_id) DO NOTHING;")
            .With("$pool", credential.UserPoolId)
            .With("$id", credential.CredentialId)
            .With("$user", credential.UsernameKey)
            .With("$key", credential.PublicKey)
            .With("$count", credential.SignCount)
            .With("$rp", credential.RelyingPartyId)
            .With("$name", credential.FriendlyName)
            .With("$attachment", credential.AuthenticatorAttachment)
            .With("$transports", StringListJson.Serialize(credential.Transports))
            .With("$created", credential.CreatedAt)
            .With("$used", credential.LastUsedAt);
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
        using var select = connection.Command($"SELECT {Columns} FROM webauthn_credentials WHERE pool_id = $pool AND credential_id = $id;")
            .With("$pool", userPoolId)
            .With("$id", credentialId);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<Page<StoredWebAuthnCredential>> ListAsync(string userPoolId, string usernameKey, int limit, string? afterId, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(
            $"SELECT {Columns} FROM webauthn_credentials WHERE pool_id = $pool AND username_key = $user" +
            (afterId is null ? "" : " AND credential_id > $after") + " ORDER BY credential_id LIMIT $take;")
            .With("$pool", userPoolId)
            .With("$user", usernameKey)
            .With("$after", afterId)
            .With("$take", limit + 1);
        await using var reader = await select.ExecuteReaderAsync(ct);
        var credentials = new List<StoredWebAuthnCredential>();
        while (await reader.ReadAsync(ct))
        {
            credentials.Add(Read(reader));
        }

        return KeysetPage.From(credentials, limit, static c => c.CredentialId);
    }

    public async Task<bool> DeleteAsync(string userPoolId, string usernameKey, string credentialId, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var delete = write.Command("DELETE FROM webauthn_credentials WHERE pool_id = $pool AND credential_id = $id AND username_key = $user;")
            .With("$pool", userPoolId)
            .With("$id", credentialId)
            .With("$user", usernameKey);
        var deleted = await delete.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return deleted;
    }

    public async Task<bool> RecordUseAsync(string userPoolId, string credentialId, long signCount, DateTimeOffset usedAt, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var update = write.Command("UPDATE webauthn_credentials SET sign_count = $count, last_used_at = $used WHERE pool_id = $pool AND credential_id = $id;")
            .With("$pool", userPoolId)
            .With("$id", credentialId)
            .With("$count", signCount)
            .With("$used", usedAt);
        var updated = await update.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return updated;
    }

    public async Task SaveRegistrationAsync(StoredWebAuthnRegistration registration, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(registration);
        await using var write = await db.BeginWriteAsync(ct);
        using var upsert = write.Command(
            "INSERT INTO webauthn_registrations (pool_id, username_key, client_id, options_json, expires_at) VALUES ($pool, $user, $client, $options, $expires) " +
            "ON CONFLICT (pool_id, username_key) DO UPDATE SET client_id = excluded.client_id, options_json = excluded.options_json, expires_at = excluded.expires_at;")
            .With("$pool", registration.UserPoolId)
            .With("$user", registration.UsernameKey)
            .With("$client", registration.ClientId)
            .With("$options", registration.OptionsJson)
            .With("$expires", registration.ExpiresAt);
        _ = await upsert.ExecuteNonQueryAsync(ct);
        await write.CommitAsync(ct);
    }

    public async Task<StoredWebAuthnRegistration?> TakeRegistrationAsync(string userPoolId, string usernameKey, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var delete = write.Command(
            "DELETE FROM webauthn_registrations WHERE pool_id = $pool AND username_key = $user RETURNING pool_id, username_key, client_id, options_json, expires_at;")
            .With("$pool", userPoolId)
            .With("$user", usernameKey);
        StoredWebAuthnRegistration? taken = null;
        await using (var reader = await delete.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                taken = new StoredWebAuthnRegistration
                {
                    UserPoolId = reader.GetString(0),
                    UsernameKey = reader.GetString(1),
                    ClientId = reader.GetString(2),
                    OptionsJson = reader.GetString(3),
                    ExpiresAt = reader.GetTimestamp(4),
                };
            }
        }

        await write.CommitAsync(ct);
        return taken;
    }

    private static StoredWebAuthnCredential Read(SqliteDataReader reader) => new()
    {
        UserPoolId = reader.GetString(0),
        CredentialId = reader.GetString(1),
        UsernameKey = reader.GetString(2),
        PublicKey = reader.GetString(3),
        SignCount = reader.GetInt64(4),
        RelyingPartyId = reader.GetString(5),
        FriendlyName = reader.GetString(6),
        AuthenticatorAttachment = reader.GetNullableString(7),
        Transports = StringListJson.Parse(reader.GetString(8)),
        CreatedAt = reader.GetTimestamp(9),
        LastUsedAt = reader.GetNullableTimestamp(10),
    };
}
