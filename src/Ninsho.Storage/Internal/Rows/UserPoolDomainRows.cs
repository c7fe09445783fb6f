using System.Data.Common;

namespace Ninsho.Storage.Internal.Rows;

/// <summary>The <c>user_pool_domains</c> rows as both backends store them: their SQL (the same on both), the
/// parameter binding and the row reader. The backends keep their connections.</summary>
internal static class UserPoolDomainRows
{
    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    public const string Columns = "domain, pool_id, certificate_arn, managed_login_version, created_at";

    /// <summary>Binds <see cref="Bind"/>; no row when the domain is taken (by any pool).</summary>
    public const string Insert =
        $"INSERT INTO user_pool_domains ({Columns}, is_custom) VALUES (@domain, @pool, @certificate, @version, @created, @custom) " +
        "ON CONFLICT DO NOTHING;";

    /// <summary>Binds <see cref="Bind"/>.</summary>
    public const string Update =
        "UPDATE user_pool_domains SET certificate_arn = @certificate, managed_login_version = @version WHERE domain = @domain AND pool_id = @pool;";

    /// <summary>Binds <c>@domain</c>.</summary>
    public const string Find = $"SELECT {Columns} FROM user_pool_domains WHERE domain = @domain;";

    /// <summary>Binds <c>@pool</c>; the prefix domain before the custom one.</summary>
    public const string ListForPool = $"SELECT {Columns} FROM user_pool_domains WHERE pool_id = @pool ORDER BY is_custom;";

    /// <summary>Binds <see cref="Key"/>.</summary>
    public const string Delete = "DELETE FROM user_pool_domains WHERE domain = @domain AND pool_id = @pool;";

    public static void Bind(SqlDialect sql, DbCommand command, StoredUserPoolDomain domain)
    {
        Key(sql, command, domain.UserPoolId, domain.Domain);
        sql.Text(command, "@certificate", domain.CertificateArn);
        sql.Int32(command, "@version", domain.ManagedLoginVersion);
        sql.Time(command, "@created", domain.CreatedAt);
        sql.Bool(command, "@custom", domain.IsCustom);
    }

    /// <summary>Binds <c>@pool</c> and <c>@domain</c>.</summary>
    public static void Key(SqlDialect sql, DbCommand command, string userPoolId, string domain)
    {
        sql.Text(command, "@pool", userPoolId);
        sql.Text(command, "@domain", domain);
    }

    /// <summary>Reads a row of <see cref="Columns"/>.</summary>
    public static StoredUserPoolDomain Read(DbDataReader reader, SqlDialect sql) => new()
    {
        Domain = reader.GetString(0),
        UserPoolId = reader.GetString(1),
        CertificateArn = reader.GetNullableString(2),
        ManagedLoginVersion = reader.GetNullableInt32(3),
        CreatedAt = sql.GetTime(reader, 4),
    };
}
