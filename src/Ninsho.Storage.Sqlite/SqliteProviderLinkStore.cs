using Microsoft.Data.Sqlite;
using Ninsho.Storage.Internal;

namespace Ninsho.Storage.Sqlite;

internal sealed class SqliteProviderLinkStore(SqliteConnectionFactory db) : IProviderLinkStore
{
    private const string Columns = "pool_id, provider_name, attribute_name, attribute_value, username_key, created_at";
    private const string Key = "pool_id = $pool AND provider_name = $provider AND attribute_name = $attribute AND attribute_value = $value";

    private const string UpdateUser =
        "UPDATE users SET attributes_json = $attributes, modified_at = $modified, version = $version + 1 " +
        "WHERE pool_id = $pool AND username_key = $key AND version = $version;";

    public async Task<LinkChangeResult> LinkAsync(StoredProviderLink link, StoredUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(link);
        await using var write = await db.BeginWriteAsync(ct);
        if (!await UpdateUserAsync(write, user, ct))
        {
            return LinkChangeResult.UserChanged;
        }

        using var insert = Bind(write.Command($"INSERT INTO provider_links ({Columns}) VALUES ($pool, $provider, $attribute, $value, $key, $created) " +
            "ON CONFLICT (pool_id, provider_name, attribute_name, attribute_value) DO NOTHING;"), link);
        if (await insert.ExecuteNonQueryAsync(ct) == 0)
        {
            return LinkChangeResult.LinkConflict;
        }

        await write.CommitAsync(ct);
        return LinkChangeResult.Changed;
    }

    public async Task<LinkChangeResult> UnlinkAsync(StoredProviderLink link, StoredUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(link);
        await using var write = await db.BeginWriteAsync(ct);
        if (!await UpdateUserAsync(write, user, ct))
        {
            return LinkChangeResult.UserChanged;
        }

        using var delete = Bind(write.Command($"DELETE FROM provider_links WHERE {Key} AND username_key = $key;"), link);
        if (await delete.ExecuteNonQueryAsync(ct) == 0)
        {
            return LinkChangeResult.LinkConflict;
        }

        await write.CommitAsync(ct);
        return LinkChangeResult.Changed;
    }

    public async Task<StoredProviderLink?> FindAsync(
        string userPoolId, string providerName, string providerAttributeName, string providerAttributeValue, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command($"SELECT {Columns} FROM provider_links WHERE {Key};")
            .With("$pool", userPoolId)
            .With("$provider", providerName)
            .With("$attribute", providerAttributeName)
            .With("$value", providerAttributeValue);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<StoredProviderLink>> ListForUserAsync(string userPoolId, string usernameKey, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(
            $"SELECT {Columns} FROM provider_links WHERE pool_id = $pool AND username_key = $key " +
            "ORDER BY provider_name, attribute_name, attribute_value;")
            .With("$pool", userPoolId)
            .With("$key", usernameKey);
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
        await using var write = await db.BeginWriteAsync(ct);
        using var insert = Bind(write.Command($"INSERT INTO provider_links ({Columns}) VALUES ($pool, $provider, $attribute, $value, $key, $created) " +
            "ON CONFLICT (pool_id, provider_name, attribute_name, attribute_value) DO NOTHING;"), link);
        if (await insert.ExecuteNonQueryAsync(ct) == 0)
        {
            return CreateResult.AlreadyExists;
        }

        await write.CommitAsync(ct);
        return CreateResult.Created;
    }

    private static async Task<bool> UpdateUserAsync(SqliteWrite write, StoredUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        using var update = write.Command(UpdateUser)
            .With("$pool", user.UserPoolId)
            .With("$key", user.UsernameKey)
            .With("$attributes", AttributesJson.Serialize(user.Attributes))
            .With("$modified", user.ModifiedAt)
            .With("$version", user.Version);
        return await update.ExecuteNonQueryAsync(ct) == 1;
    }

    private static SqliteCommand Bind(SqliteCommand command, StoredProviderLink link) => command
        .With("$pool", link.UserPoolId)
        .With("$provider", link.ProviderName)
        .With("$attribute", link.ProviderAttributeName)
        .With("$value", link.ProviderAttributeValue)
        .With("$key", link.UsernameKey)
        .With("$created", link.CreatedAt);

    private static StoredProviderLink Read(SqliteDataReader reader) => new()
    {
        UserPoolId = reader.GetString(0),
        ProviderName = reader.GetString(1),
        ProviderAttributeName = reader.GetString(2),
        ProviderAttributeValue = reader.GetString(3),
        UsernameKey = reader.GetString(4),
        CreatedAt = reader.GetTimestamp(5),
    };
}
