using Ninsho.Storage.Internal;
using Npgsql;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlProviderLinkStore(PostgreSqlCommands db) : IProviderLinkStore
{
    private const string Columns = "pool_id, provider_name, attribute_name, attribute_value, username_key, created_at";
    private const string Key = "pool_id = @pool AND provider_name = @provider AND attribute_name = @attribute AND attribute_value = @value";

    private const string Insert =
        $"INSERT INTO provider_links ({Columns}) VALUES (@pool, @provider, @attribute, @value, @key, @created) " +
        "ON CONFLICT (pool_id, provider_name, attribute_name, attribute_value) DO NOTHING;";

    // The user row is updated first: its row lock orders concurrent changes of one user's links.
    private const string UpdateUser =
        "UPDATE users SET attributes_json = @attributes, modified_at = @modified, version = @version + 1 " +
        "WHERE pool_id = @upool AND username_key = @ukey AND version = @version;";

    public Task<LinkChangeResult> LinkAsync(StoredProviderLink link, StoredUser user, CancellationToken ct) =>
        ChangeAsync(link, user, Insert, ct);

    public Task<LinkChangeResult> UnlinkAsync(StoredProviderLink link, StoredUser user, CancellationToken ct) =>
        ChangeAsync(link, user, $"DELETE FROM provider_links WHERE {Key} AND username_key = @key;", ct);

    public async Task<StoredProviderLink?> FindAsync(
        string userPoolId, string providerName, string providerAttributeName, string providerAttributeValue, CancellationToken ct)
    {
        await using var select = db.CreateCommand($"SELECT {Columns} FROM provider_links WHERE {Key};")
            .With("pool", userPoolId)
            .With("provider", providerName)
            .With("attribute", providerAttributeName)
            .With("value", providerAttributeValue);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<StoredProviderLink>> ListForUserAsync(string userPoolId, string usernameKey, CancellationToken ct)
    {
        await using var select = db.CreateCommand(
            $"SELECT {Columns} FROM provider_links WHERE pool_id = @pool AND username_key = @key " +
            "ORDER BY provider_name, attribute_name, attribute_value;")
            .With("pool", userPoolId)
            .With("key", usernameKey);
        await using var reader = await select.ExecuteReaderAsync(ct);
        var links = new List<StoredProviderLink>();
        while (await reader.ReadAsync(ct))
        {
            links.Add(Read(reader));
        }

        return links;
    }

    public async Task<CreateResult> CreateAsync(StoredProviderLink link, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(link);
        await using var insert = Bind(db.CreateCommand(Insert), link);
        return await insert.ExecuteNonQueryAsync(ct) == 1 ? CreateResult.Created : CreateResult.AlreadyExists;
    }

    private async Task<LinkChangeResult> ChangeAsync(StoredProviderLink link, StoredUser user, string linkSql, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(user);
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var update = new NpgsqlCommand(UpdateUser, connection, transaction)
            .With("upool", user.UserPoolId)
            .With("ukey", user.UsernameKey)
            .WithJsonb("attributes", AttributesJson.Serialize(user.Attributes))
            .WithTime("modified", user.ModifiedAt)
            .With("version", user.Version))
        {
            if (await update.ExecuteNonQueryAsync(ct) == 0)
            {
                return LinkChangeResult.UserChanged;
            }
        }

        await using (var change = Bind(new NpgsqlCommand(linkSql, connection, transaction), link))
        {
            if (await change.ExecuteNonQueryAsync(ct) == 0)
            {
                return LinkChangeResult.LinkConflict;
            }
        }

        await transaction.CommitAsync(ct);
        return LinkChangeResult.Changed;
    }

    private static NpgsqlCommand Bind(NpgsqlCommand command, StoredProviderLink link) => command
        .With("pool", link.UserPoolId)
        .With("provider", link.ProviderName)
        .With("attribute", link.ProviderAttributeName)
        .With("value", link.ProviderAttributeValue)
        .With("key", link.UsernameKey)
        .WithTime("created", link.CreatedAt);

    private static StoredProviderLink Read(NpgsqlDataReader reader) => new()
    {
        UserPoolId = reader.GetString(0),
        ProviderName = reader.GetString(1),
        ProviderAttributeName = reader.GetString(2),
        ProviderAttributeValue = reader.GetString(3),
        UsernameKey = reader.GetString(4),
        CreatedAt = reader.GetTimestamp(5),
    };
}
