using Npgsql;
using NpgsqlTypes;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlUserPoolDomainStore(PostgreSqlCommands db) : IUserPoolDomainStore
{
    private const string Columns = "domain, pool_id, certificate_arn, managed_login_version, created_at";

    public async Task<CreateResult> CreateAsync(StoredUserPoolDomain domain, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domain);
        await using var insert = Bind(db.CreateCommand(
            $"INSERT INTO user_pool_domains ({Columns}, is_custom) VALUES (@domain, @pool, @certificate, @version, @created, @custom) " +
            "ON CONFLICT DO NOTHING;"), domain)
            .WithTime("created", domain.CreatedAt)
            .With("custom", domain.IsCustom);
        return await insert.ExecuteNonQueryAsync(ct) == 1 ? CreateResult.Created : CreateResult.AlreadyExists;
    }

    public async Task<StoredUserPoolDomain?> FindAsync(string domain, CancellationToken ct)
    {
        await using var select = db.CreateCommand($"SELECT {Columns} FROM user_pool_domains WHERE domain = @domain;").With("domain", domain);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<StoredUserPoolDomain>> ListForPoolAsync(string userPoolId, CancellationToken ct)
    {
        await using var select = db.CreateCommand($"SELECT {Columns} FROM user_pool_domains WHERE pool_id = @pool ORDER BY is_custom;")
            .With("pool", userPoolId);
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
        await using var update = Bind(db.CreateCommand(
            "UPDATE user_pool_domains SET certificate_arn = @certificate, managed_login_version = @version " +
            "WHERE domain = @domain AND pool_id = @pool;"), domain);
        return await update.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<bool> DeleteAsync(string userPoolId, string domain, CancellationToken ct)
    {
        await using var delete = db.CreateCommand("DELETE FROM user_pool_domains WHERE domain = @domain AND pool_id = @pool;")
            .With("domain", domain)
            .With("pool", userPoolId);
        return await delete.ExecuteNonQueryAsync(ct) == 1;
    }

    private static NpgsqlCommand Bind(NpgsqlCommand command, StoredUserPoolDomain domain)
    {
        command.Parameters.Add(new NpgsqlParameter("version", NpgsqlDbType.Integer) { Value = (object?)domain.ManagedLoginVersion ?? DBNull.Value });
        return command
            .With("domain", domain.Domain)
            .With("pool", domain.UserPoolId)
            .WithText("certificate", domain.CertificateArn);
    }

    private static StoredUserPoolDomain Read(NpgsqlDataReader reader) => new()
    {
        Domain = reader.GetString(0),
        UserPoolId = reader.GetString(1),
        CertificateArn = reader.GetNullableString(2),
        ManagedLoginVersion = reader.IsDBNull(3) ? null : reader.GetInt32(3),
        CreatedAt = reader.GetTimestamp(4),
    };
}
