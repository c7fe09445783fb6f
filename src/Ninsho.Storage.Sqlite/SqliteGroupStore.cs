using Microsoft.Data.Sqlite;
using Ninsho.Storage.Internal;

namespace Ninsho.Storage.Sqlite;

internal sealed class SqliteGroupStore(SqliteConnectionFactory db) : IGroupStore
{
    private const string Columns = "pool_id, group_name, description, role_arn, precedence, created_at, modified_at, version";

    private const string GroupColumns =
        "g.pool_id, g.group_name, g.description, g.role_arn, g.precedence, g.created_at, g.modified_at, g.version";

    public async Task<CreateResult> CreateAsync(StoredGroup group, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(group);
        await using var write = await db.BeginWriteAsync(ct);
        using var insert = Bind(write.Command(
            $"INSERT INTO user_groups ({Columns}) VALUES ($pool, $name, $description, $role, $precedence, $created, $modified, $version) " +
            "ON CONFLICT (pool_id, group_name) DO NOTHING;"), group);
        if (await insert.ExecuteNonQueryAsync(ct) == 0)
        {
            return CreateResult.AlreadyExists;
        }

        await write.CommitAsync(ct);
        return CreateResult.Created;
    }

    public async Task<long> CountAsync(string userPoolId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var count = connection.Command("SELECT count(*) FROM user_groups WHERE pool_id = $pool;").With("$pool", userPoolId);
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }

    public async Task<StoredGroup?> FindAsync(string userPoolId, string groupName, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command($"SELECT {Columns} FROM user_groups WHERE pool_id = $pool AND group_name = $name;")
            .With("$pool", userPoolId)
            .With("$name", groupName);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<Page<StoredGroup>> ListAsync(string userPoolId, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(afterKey is null
            ? $"SELECT {Columns} FROM user_groups WHERE pool_id = $pool ORDER BY group_name LIMIT $take;"
            : $"SELECT {Columns} FROM user_groups WHERE pool_id = $pool AND group_name > $after ORDER BY group_name LIMIT $take;")
            .With("$pool", userPoolId)
            .With("$after", afterKey)
            .With("$take", limit + 1);
        return KeysetPage.From(await ReadGroupsAsync(select, ct), limit, static g => g.GroupName);
    }

    public async Task<UpdateResult> UpdateAsync(StoredGroup group, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(group);
        await using var write = await db.BeginWriteAsync(ct);
        using var update = Bind(write.Command(
            "UPDATE user_groups SET description = $description, role_arn = $role, precedence = $precedence, created_at = $created, " +
            "modified_at = $modified, version = $version + 1 WHERE pool_id = $pool AND group_name = $name AND version = $version;"), group);
        if (await update.ExecuteNonQueryAsync(ct) == 1)
        {
            await write.CommitAsync(ct);
            return UpdateResult.Updated;
        }

        using var exists = write.Command("SELECT EXISTS (SELECT 1 FROM user_groups WHERE pool_id = $pool AND group_name = $name);")
            .With("$pool", group.UserPoolId)
            .With("$name", group.GroupName);
        return (long)(await exists.ExecuteScalarAsync(ct))! == 1 ? UpdateResult.VersionConflict : UpdateResult.NotFound;
    }

    public async Task<bool> DeleteAsync(string userPoolId, string groupName, CancellationToken ct)
    {
        // Foreign keys cascade to the memberships.
        await using var write = await db.BeginWriteAsync(ct);
        using var delete = write.Command("DELETE FROM user_groups WHERE pool_id = $pool AND group_name = $name;")
            .With("$pool", userPoolId)
            .With("$name", groupName);
        var deleted = await delete.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return deleted;
    }

    public async Task<bool> AddMemberAsync(string userPoolId, string groupName, string usernameKey, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var insert = write.Command(
            "INSERT INTO group_members (pool_id, group_name, username_key) SELECT $pool, $name, $key " +
            "WHERE EXISTS (SELECT 1 FROM user_groups WHERE pool_id = $pool AND group_name = $name) " +
            "AND EXISTS (SELECT 1 FROM users WHERE pool_id = $pool AND username_key = $key) " +
            "ON CONFLICT (pool_id, group_name, username_key) DO NOTHING;")
            .With("$pool", userPoolId)
            .With("$name", groupName)
            .With("$key", usernameKey);
        if (await insert.ExecuteNonQueryAsync(ct) == 1)
        {
            await write.CommitAsync(ct);
            return true;
        }

        using var member = write.Command(
            "SELECT EXISTS (SELECT 1 FROM group_members WHERE pool_id = $pool AND group_name = $name AND username_key = $key);")
            .With("$pool", userPoolId)
            .With("$name", groupName)
            .With("$key", usernameKey);
        return (long)(await member.ExecuteScalarAsync(ct))! == 1;
    }

    public async Task<bool> RemoveMemberAsync(string userPoolId, string groupName, string usernameKey, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var delete = write.Command("DELETE FROM group_members WHERE pool_id = $pool AND group_name = $name AND username_key = $key;")
            .With("$pool", userPoolId)
            .With("$name", groupName)
            .With("$key", usernameKey);
        var deleted = await delete.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return deleted;
    }

    public async Task<Page<StoredGroup>> ListForUserAsync(string userPoolId, string usernameKey, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var connection = await db.OpenPreparedAsync(ct);
        var select = connection.Command(
            $"SELECT {GroupColumns} FROM group_members m INDEXED BY ix_group_members_user " +
            "CROSS JOIN user_groups g ON g.pool_id = m.pool_id AND g.group_name = m.group_name " +
            "WHERE m.pool_id = $pool AND m.username_key = $key" + (afterKey is null ? "" : " AND m.group_name > $after") +
            " ORDER BY m.group_name LIMIT $take;")
            .With("$pool", userPoolId)
            .With("$key", usernameKey)
            .With("$after", afterKey)
            .With("$take", limit + 1);
        return KeysetPage.From(await ReadGroupsAsync(select, ct), limit, static g => g.GroupName);
    }

    public async Task<Page<StoredUser>> ListMembersAsync(string userPoolId, string groupName, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(
            $"SELECT {SqliteUserStore.UserColumns} FROM group_members m " +
            "CROSS JOIN users u ON u.pool_id = m.pool_id AND u.username_key = m.username_key " +
            "WHERE m.pool_id = $pool AND m.group_name = $name" + (afterKey is null ? "" : " AND m.username_key > $after") +
            " ORDER BY m.username_key LIMIT $take;")
            .With("$pool", userPoolId)
            .With("$name", groupName)
            .With("$after", afterKey)
            .With("$take", limit + 1);
        await using var reader = await select.ExecuteReaderAsync(ct);
        var users = new List<StoredUser>();
        while (await reader.ReadAsync(ct))
        {
            users.Add(SqliteUserStore.Read(reader));
        }

        return KeysetPage.From(users, limit, static u => u.UsernameKey);
    }

    private static SqliteCommand Bind(SqliteCommand command, StoredGroup group) => command
        .With("$pool", group.UserPoolId)
        .With("$name", group.GroupName)
        .With("$description", group.Description)
        .With("$role", group.RoleArn)
        .With("$precedence", group.Precedence)
        .With("$created", group.CreatedAt)
        .With("$modified", group.ModifiedAt)
        .With("$version", group.Version);

    private static async Task<List<StoredGroup>> ReadGroupsAsync(SqliteCommand select, CancellationToken ct)
    {
        await using var reader = await select.ExecuteReaderAsync(ct);
        var groups = new List<StoredGroup>();
        while (await reader.ReadAsync(ct))
        {
            groups.Add(Read(reader));
        }

        return groups;
    }

    private static StoredGroup Read(SqliteDataReader reader) => new()
    {
        UserPoolId = reader.GetString(0),
        GroupName = reader.GetString(1),
        Description = reader.GetNullableString(2),
        RoleArn = reader.GetNullableString(3),
        Precedence = reader.IsDBNull(4) ? null : reader.GetInt32(4),
        CreatedAt = reader.GetTimestamp(5),
        ModifiedAt = reader.GetTimestamp(6),
        Version = reader.GetInt64(7),
    };
}
