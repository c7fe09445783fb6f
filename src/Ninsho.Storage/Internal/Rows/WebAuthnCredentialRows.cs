using System.Data.Common;

namespace Ninsho.Storage.Internal.Rows;

/// <summary>The <c>webauthn_credentials</c> and <c>webauthn_registrations</c> rows as both backends store them:
/// their SQL (the same on both, the registration's upsert and its <c>DELETE … RETURNING</c> included), the parameter
/// binding and the row readers. The backends keep their connections.</summary>
internal static class WebAuthnCredentialRows
{
    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    public const string Columns =
        "pool_id, credential_id, username_key, public_key, sign_count, relying_party_id, friendly_name, attachment, transports_json, created_at, last_used_at";

    /// <summary>The columns <see cref="ReadRegistration"/> reads, in its order.</summary>
    public const string RegistrationColumns = "pool_id, username_key, client_id, options_json, expires_at";

    /// <summary>Binds <see cref="Bind"/>; no row when the credential exists.</summary>
    public const string Insert =
        $"INSERT INTO webauthn_credentials ({Columns}) VALUES (@pool, @id, @user, @key, @count, @rp, @name, @attachment, @transports, @created, @used) " +
        "ON CONFLICT (pool_id, credential_id) DO NOTHING;";

    /// <summary>Binds <see cref="Key"/>.</summary>
    public const string Find = $"SELECT {Columns} FROM webauthn_credentials WHERE pool_id = @pool AND credential_id = @id;";

    /// <summary>Binds <see cref="Key"/> and <c>@user</c>: only the owner's credential goes.</summary>
    public const string Delete = "DELETE FROM webauthn_credentials WHERE pool_id = @pool AND credential_id = @id AND username_key = @user;";

    /// <summary>Binds <see cref="Key"/>, <c>@count</c> and <c>@used</c>.</summary>
    public const string RecordUse =
        "UPDATE webauthn_credentials SET sign_count = @count, last_used_at = @used WHERE pool_id = @pool AND credential_id = @id;";

    /// <summary>Binds <see cref="BindRegistration"/>; replaces the user's pending registration.</summary>
    public const string SaveRegistration =
        $"INSERT INTO webauthn_registrations ({RegistrationColumns}) VALUES (@pool, @user, @client, @options, @expires) " +
        "ON CONFLICT (pool_id, username_key) DO UPDATE SET client_id = excluded.client_id, options_json = excluded.options_json, expires_at = excluded.expires_at;";

    /// <summary>Deletes user <c>@user</c>'s pending registration and returns it (read by <see cref="ReadRegistration"/>).</summary>
    public const string TakeRegistration =
        $"DELETE FROM webauthn_registrations WHERE pool_id = @pool AND username_key = @user RETURNING {RegistrationColumns};";

    /// <summary>A page of user <c>@user</c>'s credentials by id; binds <c>@pool</c>, <c>@user</c> and
    /// <see cref="SqlDialect.Page"/>.</summary>
    public static string List(string? afterId) =>
        $"SELECT {Columns} FROM webauthn_credentials WHERE pool_id = @pool AND username_key = @user" +
        (afterId is null ? "" : " AND credential_id > @after") + " ORDER BY credential_id LIMIT @take;";

    public static void Bind(SqlDialect sql, DbCommand command, StoredWebAuthnCredential credential)
    {
        Key(sql, command, credential.UserPoolId, credential.CredentialId);
        sql.Text(command, "@user", credential.UsernameKey);
        sql.Text(command, "@key", credential.PublicKey);
        sql.Int64(command, "@count", credential.SignCount);
        sql.Text(command, "@rp", credential.RelyingPartyId);
        sql.Text(command, "@name", credential.FriendlyName);
        sql.Text(command, "@attachment", credential.AuthenticatorAttachment);
        sql.Text(command, "@transports", StringListJson.Serialize(credential.Transports));
        sql.Time(command, "@created", credential.CreatedAt);
        sql.Time(command, "@used", credential.LastUsedAt);
    }

    /// <summary>Binds <c>@pool</c> and <c>@id</c>.</summary>
    public static void Key(SqlDialect sql, DbCommand command, string userPoolId, string credentialId)
    {
        sql.Text(command, "@pool", userPoolId);
        sql.Text(command, "@id", credentialId);
    }

    public static void BindRegistration(SqlDialect sql, DbCommand command, StoredWebAuthnRegistration registration)
    {
        sql.Text(command, "@pool", registration.UserPoolId);
        sql.Text(command, "@user", registration.UsernameKey);
        sql.Text(command, "@client", registration.ClientId);
        sql.Text(command, "@options", registration.OptionsJson);
        sql.Time(command, "@expires", registration.ExpiresAt);
    }

    /// <summary>Reads a row of <see cref="Columns"/>.</summary>
    public static StoredWebAuthnCredential Read(DbDataReader reader, SqlDialect sql) => new()
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
        CreatedAt = sql.GetTime(reader, 9),
        LastUsedAt = sql.GetNullableTime(reader, 10),
    };

    /// <summary>Reads a row of <see cref="RegistrationColumns"/>.</summary>
    public static StoredWebAuthnRegistration ReadRegistration(DbDataReader reader, SqlDialect sql) => new()
    {
        UserPoolId = reader.GetString(0),
        UsernameKey = reader.GetString(1),
        ClientId = reader.GetString(2),
        OptionsJson = reader.GetString(3),
        ExpiresAt = sql.GetTime(reader, 4),
    };
}
