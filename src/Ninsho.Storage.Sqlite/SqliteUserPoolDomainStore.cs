using Microsoft.Data.Sqlite;

namespace Ninsho.Storage.Sqlite;

internal sealed class SqliteUserPoolDomainStore(SqliteConnectionFactory db) : IUserPoolDomainStore
{
    private const string Columns = "domain, pool_id, certificate_arn, managed_login_version, created_at";

    public async Task<CreateResult> CreateAsync(StoredUserPoolDomain domain, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domain);
        await using var write = await db.BeginWriteAsync(ct);
        using var insert = write.Command(
            $"INSERT INTO user_pool_domains ({Columns}, is_custom) VALUES ($domain, $pool, $certificate, $version, $created, $custom) " +
            "ON CONFLICT DO NOTHING;")
            .With("$domain", domain.Domain)
            .With("$pool", domain.UserPoolId)
            .With("$certificate", domain.CertificateArn)
            .With("$version", domain.ManagedLoginVersion)
            .With("$created", domain.CreatedAt)
            .With("$custom", domain.IsCustom ? 1 : 0);
        if (await insert.ExecuteNonQueryAsync(ct) == 0)
        {
            return CreateResult.AlreadyExists;
        }

        await write.CommitAsync(ct);
        return CreateResult.Created;
    }

    public async Task<StoredUserPoolDomain?> FindAsync(string domain, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command($"SELECT {Columns} FROM user_pool_domains WHERE domain = $domain;").With("$domain", domain);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<StoredUserPoolDomain>> ListForPoolAsync(string userPoolId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command($"SELECT {Columns} FROM user_pool_domains WHERE pool_id = $pool ORDER BY is_custom;")
            .With("$pool", userPoolId);
        await using var reader = await select.ExecuteReaderAsync(ct);
        var domains = new List<StoredUserPoolDomain>();
        while (await reader.ReadAsync(ct))
        {
            domains.Add(Read(reader));
        }

        return domains;
    }

    public async Task<bool> UpdateAsync(StoredUserPoolDomain domain, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domain);
        await using var write = await db.BeginWriteAsync(ct);
        using var update = write.Command(
            "UPDATE user_pool_domains SET certificate_arn = $certificate, managed_login_version = $version " +
            "WHERE domain = $domain AND pool_id = $pool;")
            .With("$domain", domain.Domain)
            .With("$pool", domain.UserPoolId)
            .With("$certificate", domain.CertificateArn)
            .With("$version", domain.ManagedLoginVersion);
        var updated = await update.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return updated;
    }

    public async Task<bool> DeleteAsync(string userPoolId, string domain, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var delete = write.Command("DELETE FROM user_pool_domains WHERE domain = $domain AND pool_id = $pool;")
            .With("$domain", domain)
            .With("$pool", userPoolId);
        var deleted = await delete.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return deleted;
    }

    private static StoredUserPoolDomain Read(SqliteDataReader reader) => new()
    {
        Domain = reader.GetString(0),
        UserPoolId = reader.GetString(1),
        CertificateArn = reader.GetNullableString(2),
        ManagedLoginVersion = reader.IsDBNull(3) ? null : reader.GetInt32(3),
        CreatedAt = reader.GetTimestamp(4),
    };
}
