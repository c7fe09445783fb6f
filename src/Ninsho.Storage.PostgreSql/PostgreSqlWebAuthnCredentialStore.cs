using Ninsho.Storage.Internal;
using Npgsql;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlWebAuthnCredentialStore(PostgreSqlCommands db) : IWebAuthnCredentialStore
{
    private const string Columns =
        "pool_id, credential_id, username_key, public_key, sign_count, relying_party_id, friendly_name, attachment, transports_json, created_at, last_used_at";

    public async Task<CreateResult> CreateAsync(StoredWebAuthnCredential credential, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(credential);
        await using var insert = db.CreateCommand(
            $"INSERT INTO webauthn_credentials ({Columns}) VALUES (@pool, @id, @user, @key, @count, @rp, @name, @attachment, @transports, @created, @used) " +
            "ON CONFLICT (pool_id, credential_id) DO NOTHING;")
            .With("pool", credential.UserPoolId)
            .With("id", credential.CredentialId)
            .With("user", credential.UsernameKey)
            .With("key", credential.PublicKey)
            .With("count", credential.SignCount)
            .With("rp", credential.RelyingPartyId)
            .With("name", credential.FriendlyName)
            .WithText("attachment", credential.AuthenticatorAttachment)
            .With("transports", StringListJson.Serialize(credential.Transports))
            .WithTime("created", credential.CreatedAt)
            .WithTime("used", credential.LastUsedAt);
        return await insert.ExecuteNonQueryAsync(ct) == 1 ? CreateResult.Created : CreateResult.AlreadyExists;
    }

    public async Task<StoredWebAuthnCredential?> FindAsync(string userPoolId, string credentialId, CancellationToken ct)
    {
        await using var select = db.CreateCommand($"SELECT {Columns} FROM webauthn_credentials WHERE pool_id = @pool AND credential_id = @id;")
            .With("pool", userPoolId)
            .With("id", credentialId);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<Page<StoredWebAuthnCredential>> ListAsync(string userPoolId, string usernameKey, int limit, string? afterId, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var select = db.CreateCommand(
            $"SELECT {Columns} FROM webauthn_credentials WHERE pool_id = @pool AND username_key = @user" +
            (afterId is null ? "" : " AND credential_id > @after") + " ORDER BY credential_id LIMIT @take;")
            .With("pool", userPoolId)
            .With("user", usernameKey)
            .WithText("after", afterId)
            .With("take", limit + 1);
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
        await using var delete = db.CreateCommand("DELETE FROM webauthn_credentials WHERE pool_id = @pool AND credential_id = @id AND username_key = @user;")
            .With("pool", userPoolId)
            .With("id", credentialId)
            .With("user", usernameKey);
        return await delete.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<bool> RecordUseAsync(string userPoolId, string credentialId, long signCount, DateTimeOffset usedAt, CancellationToken ct)
    {
        await using var update = db.CreateCommand(
            "UPDATE webauthn_credentials SET sign_count = @count, last_used_at = @used WHERE pool_id = @pool AND credential_id = @id;")
            .With("pool", userPoolId)
            .With("id", credentialId)
            .With("count", signCount)
            .WithTime("used", usedAt);
        return await update.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task SaveRegistrationAsync(StoredWebAuthnRegistration registration, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(registration);
        await using var upsert = db.CreateCommand(
            "INSERT INTO webauthn_registrations (pool_id, username_key, client_id, options_json, expires_at) VALUES (@pool, @user, @client, @options, @expires) " +
            "ON CONFLICT (pool_id, username_key) DO UPDATE SET client_id = excluded.client_id, options_json = excluded.options_json, expires_at = excluded.expires_at;")
            .With("pool", registration.UserPoolId)
            .With("user", registration.UsernameKey)
            .With("client", registration.ClientId)
            .With("options", registration.OptionsJson)
            .WithTime("expires", registration.ExpiresAt);
        _ = await upsert.ExecuteNonQueryAsync(ct);
    }

    public async Task<StoredWebAuthnRegistration?> TakeRegistrationAsync(string userPoolId, string usernameKey, CancellationToken ct)
    {
        await using var delete = db.CreateCommand(
            "DELETE FROM webauthn_registrations WHERE pool_id = @pool AND username_key = @user RETURNING pool_id, username_key, client_id, options_json, expires_at;")
            .With("pool", userPoolId)
            .With("user", usernameKey);
        await using var reader = await delete.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new StoredWebAuthnRegistration
            {
                UserPoolId = reader.GetString(0),
                UsernameKey = reader.GetString(1),
                ClientId = reader.GetString(2),
                OptionsJson = reader.GetString(3),
                ExpiresAt = reader.GetTimestamp(4),
            }
            : null;
    }

    private static StoredWebAuthnCredential Read(NpgsqlDataReader reader) => new()
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
