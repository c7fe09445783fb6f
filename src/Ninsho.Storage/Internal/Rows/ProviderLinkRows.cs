using System.Data.Common;

namespace Ninsho.Storage.Internal.Rows;

/// <summary>The <c>provider_links</c> rows as both backends store them: their SQL (the same on both), the parameter
/// binding and the row reader, with the update of the linked user that goes with a link or an unlink. The backends
/// keep their connections and transactions.</summary>
internal static class ProviderLinkRows
{
    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    public const string Columns = "pool_id, provider_name, attribute_name, attribute_value, username_key, created_at";

    private const string Key = "pool_id = @pool AND provider_name = @provider AND attribute_name = @attribute AND attribute_value = @value";

    /// <summary>Binds <see cref="Bind"/>; no row when the provider identity is linked already.</summary>
    public const string Insert =
        $"INSERT INTO provider_links ({Columns}) VALUES (@pool, @provider, @attribute, @value, @key, @created) " +
        "ON CONFLICT (pool_id, provider_name, attribute_name, attribute_value) DO NOTHING;";

    /// <summary>Binds <see cref="Bind"/>; no row when the identity is not linked to user <c>@key</c>.</summary>
    public const string Delete = $"DELETE FROM provider_links WHERE {Key} AND username_key = @key;";

    /// <summary>Binds <see cref="LinkKey"/>.</summary>
    public const string Find = $"SELECT {Columns} FROM provider_links WHERE {Key};";

    /// <summary>User <c>@key</c>'s links; binds <c>@pool</c> and <c>@key</c>.</summary>
    public const string ListForUser =
        $"SELECT {Columns} FROM provider_links WHERE pool_id = @pool AND username_key = @key " +
        "ORDER BY provider_name, attribute_name, attribute_value;";

    /// <summary>Binds <see cref="BindUser"/>; changes no row when the user's version is not <c>@version</c>. A link
    /// or an unlink updates the user first, in the same transaction: the user row's lock orders concurrent changes of
    /// one user's links.</summary>
    public const string UpdateUser =
        "UPDATE users SET attributes_json = @attributes, modified_at = @modified, version = @version + 1 " +
        "WHERE pool_id = @upool AND username_key = @ukey AND version = @version;";

    public static void Bind(SqlDialect sql, DbCommand command, StoredProviderLink link)
    {
        LinkKey(sql, command, link.UserPoolId, link.ProviderName, link.ProviderAttributeName, link.ProviderAttributeValue);
        sql.Text(command, "@key", link.UsernameKey);
        sql.Time(command, "@created", link.CreatedAt);
    }

    /// <summary>Binds <c>@pool</c>, <c>@provider</c>, <c>@attribute</c> and <c>@value</c>.</summary>
    public static void LinkKey(
        SqlDialect sql, DbCommand command, string userPoolId, string providerName, string providerAttributeName, string providerAttributeValue)
    {
        sql.Text(command, "@pool", userPoolId);
        sql.Text(command, "@provider", providerName);
        sql.Text(command, "@attribute", providerAttributeName);
        sql.Text(command, "@value", providerAttributeValue);
    }

    /// <summary>Binds the user's new attributes and its version for <see cref="UpdateUser"/>.</summary>
    public static void BindUser(SqlDialect sql, DbCommand command, StoredUser user)
    {
        sql.Text(command, "@upool", user.UserPoolId);
        sql.Text(command, "@ukey", user.UsernameKey);
        sql.Json(command, "@attributes", AttributesJson.Serialize(user.Attributes));
        sql.Time(command, "@modified", user.ModifiedAt);
        sql.Int64(command, "@version", user.Version);
    }

    /// <summary>Reads a row of <see cref="Columns"/>.</summary>
    public static StoredProviderLink Read(DbDataReader reader, SqlDialect sql) => new()
    {
        UserPoolId = reader.GetString(0),
        ProviderName = reader.GetString(1),
        ProviderAttributeName = reader.GetString(2),
        ProviderAttributeValue = reader.GetString(3),
        UsernameKey = reader.GetString(4),
        CreatedAt = sql.GetTime(reader, 5),
    };
}
