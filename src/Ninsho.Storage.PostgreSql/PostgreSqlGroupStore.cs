using Ninsho.Storage.Internal;
using Npgsql;
using NpgsqlTypes;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlGroupStore(PostgreSqlCommands db) : IGroupStore
{
    private const string Columns = "pool_id, group_name, description, role_arn, precedence, created_at, modified_at, version";

    private const string GroupColumns =
        "g.pool_id, g.group_name, g.description, g.role_arn, g.precedence, g.created_at, g.modified_at, g.version";

    public async Task<CreateResult> CreateAsync(StoredGroup group, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(group);
        await using var insert = Bind(db.CreateCommand(
            $"INSERT INTO user_groups ({Columns}) VALUES (@pool, @name, @description, @role, @precedence, @created, @modified, @version) " +
            "ON CONFLICT (pool_id, group_name) DO NOTHING;"), group);
        return await insert.ExecuteNonQueryAsync(ct) == 1 ? CreateResult.Created : CreateResult.AlreadyExists;
    }

    public async Task<long> CountAsync(string userPoolId, CancellationToken ct)
    {
        await using var count = db.CreateCommand("SELECT count(*) FROM user_groups WHERE pool_id = @pool;").With("pool", userPoolId);
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }

    public async Task<StoredGroup?> FindAsync(string userPoolId, string groupName, CancellationToken ct)
    {
        await using var select = db.CreateCommand($"SELECT {Columns} FROM user_groups WHERE pool_id = @pool AND group_name = @name;")
            .With("pool", userPoolId)
            .With("name", groupName);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<Page<StoredGroup>> ListAsync(string userPoolId, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var select = db.CreateCommand(afterKey is null
            ? $"SELECT {Columns} FROM user_groups WHERE pool_id = @pool ORDER BY group_name LIMIT @take;"
            : $"SELECT {Columns} FROM user_groups WHERE pool_id = @pool AND group_name > @after ORDER BY group_name LIMIT @take;")
            .With("pool", userPoolId)
            .WithText("after", afterKey)
            .With("take", limit + 1);
        return KeysetPage.From(await ReadGroupsAsync(select, ct), limit, static g => g.GroupName);
    }

    public async Task<UpdateResult> UpdateAsync(StoredGroup group, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(group);
        await using var update = Bind(db.CreateCommand(
            "WITH updated AS (UPDATE user_groups SET description = @description, role_arn = @role, precedence = @precedence, " +
            "created_at = @created, modified_at = @modified, version = @version + 1 " +
            "WHERE pool_id = @pool AND group_name = @name AND version = @version RETURNING 1) " +
            "SELECT (SELECT count(*) FROM updated), EXISTS (SELECT 1 FROM user_groups WHERE pool_id = @pool AND group_name = @name);"), group);
        return await PostgreSqlResults.ReadUpdateAsync(update, ct);
    }

    public async Task<bool> DeleteAsync(string userPoolId, string groupName, CancellationToken ct)
    {
        // Foreign keys cascade to the memberships.
        await using var delete = db.CreateCommand("DELETE FROM user_groups WHERE pool_id = @pool AND group_name = @name;")
            .With("pool", userPoolId)
            .With("name", groupName);
        return await delete.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<bool> AddMemberAsync(string userPoolId, string groupName, string usernameKey, CancellationToken ct)
    {
        // FOR KEY SHARE on both parents: a concurrent delete of the group or the user waits for this insert (and then
        // cascades to it), or wins first and the insert finds nothing to select.
        await using var insert = db.CreateCommand(
            "WITH g AS (SELECT 1 FROM user_groups WHERE pool_id = @pool AND group_name = @name FOR KEY SHARE), " +
            "u AS (SELECT 1 FROM users WHERE pool_id = @pool AND username_key = @key FOR KEY SHARE), " +
            "added AS (INSERT INTO group_members (pool_id, group_name, username_key) SELECT @pool, @name, @key FROM g, u " +
            "ON CONFLICT (pool_id, group_name, username_key) DO NOTHING RETURNING 1) " +
            "SELECT EXISTS (SELECT 1 FROM g) AND EXISTS (SELECT 1 FROM u);")
            .With("pool", userPoolId)
            .With("name", groupName)
            .With("key", usernameKey);
        return (bool)(await insert.ExecuteScalarAsync(ct))!;
    }

    public async Task<bool> RemoveMemberAsync(string userPoolId, string groupName, string usernameKey, CancellationToken ct)
    {
        await using var delete = db.CreateCommand("DELETE FROM group_members WHERE pool_id = @pool AND group_name = @name AND username_key = @key;")
            .With("pool", userPoolId)
            .With("name", groupName)
            .With("key", usernameKey);
        return await delete.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<Page<StoredGroup>> ListForUserAsync(string userPoolId, string usernameKey, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var select = db.CreateCommand(
            $"SELECT {GroupColumns} FROM group_members m JOIN user_groups g ON g.pool_id = m.pool_id AND g.group_name = m.group_name " +
            "WHERE m.pool_id = @pool AND m.username_key = @key" + (afterKey is null ? "" : " AND m.group_name > @after") +
            " ORDER BY m.group_name LIMIT @take;")
            .With("pool", userPoolId)
            .With("key", usernameKey)
            .WithText("after", afterKey)
            .With("take", limit + 1);
        return KeysetPage.From(await ReadGroupsAsync(select, ct), limit, static g => g.GroupName);
    }

    public async Task<Page<StoredUser>> ListMembersAsync(string userPoolId, string groupName, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var select = db.CreateCommand(
            $"SELECT {PostgreSqlUserStore.UserColumns} FROM group_members m JOIN users u ON u.pool_id = m.pool_id AND u.username_key = m.username_key " +
            "WHERE m.pool_id = @pool AND m.group_name = @name" + (afterKey is null ? "" : " AND m.username_key > @after") +
            " ORDER BY m.username_key LIMIT @take;")
            .With("pool", userPoolId)
            .With("name", groupName)
            .WithText("after", afterKey)
            .With("take", limit + 1);
        await using var reader = await select.ExecuteReaderAsync(ct);
        var users = new List<StoredUser>();
        while (await reader.ReadAsync(ct))
        {
            users.Add(PostgreSqlUserStore.Read(reader));
        }

        return KeysetPage.From(users, limit, static u => u.UsernameKey);
    }

    private static NpgsqlCommand Bind(NpgsqlCommand command, StoredGroup group)
    {
        command.Parameters.Add(new NpgsqlParameter("precedence", NpgsqlDbType.Integer) { Value = (object?)group.Precedence ?? DBNull.Value });
        return command
            .With("pool", group.UserPoolId)
            .With("name", group.GroupName)
            .WithText("description", group.Description)
            .WithText("role", group.RoleArn)
            .WithTime("created", group.CreatedAt)
            .WithTime("modified", group.ModifiedAt)
            .With("version", group.Version);
    }

    private static async Task<List<StoredGroup>> ReadGroupsAsync(NpgsqlCommand select, CancellationToken ct)
    {
        await using var reader = await select.ExecuteReaderAsync(ct);
        var groups = new List<StoredGroup>();
        while (await reader.ReadAsync(ct))
        {
            groups.Add(Read(reader));
        }

        return groups;
    }

    private static StoredGroup Read(NpgsqlDataReader reader) => new()
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
