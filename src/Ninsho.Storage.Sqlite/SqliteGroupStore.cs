using Ninsho.Storage.Internal;
using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.Sqlite;

internal sealed class SqliteGroupStore(SqliteConnectionFactory db) : IGroupStore
{
    private static readonly SqliteDialect Sql = SqliteDialect.Instance;

    public async Task<CreateResult> CreateAsync(StoredGroup group, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(group);
        await using var write = await db.BeginWriteAsync(ct);
        using var insert = write.Command(GroupRows.Insert);
        GroupRows.Bind(Sql, insert, group);
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
        using var count = connection.Command(GroupRows.Count);
        Sql.Text(count, "@pool", userPoolId);
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }

    public async Task<StoredGroup?> FindAsync(string userPoolId, string groupName, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(GroupRows.Find);
        GroupRows.Key(Sql, select, userPoolId, groupName);
        return await Sql.ReadFirstAsync(select, GroupRows.Read, ct);
    }

    public async Task<Page<StoredGroup>> ListAsync(string userPoolId, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(GroupRows.List(afterKey));
        Sql.Text(select, "@pool", userPoolId);
        Sql.Page(select, afterKey, limit);
        return KeysetPage.From(await Sql.ReadAllAsync(select, GroupRows.Read, ct), limit, static g => g.GroupName);
    }

    public async Task<UpdateResult> UpdateAsync(StoredGroup group, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(group);
        await using var write = await db.BeginWriteAsync(ct);
        using var update = write.Command(GroupRows.Update + ";");
        GroupRows.Bind(Sql, update, group);
        if (await update.ExecuteNonQueryAsync(ct) == 1)
        {
            await write.CommitAsync(ct);
            return UpdateResult.Updated;
        }

        using var exists = write.Command($"SELECT {GroupRows.Exists};");
        GroupRows.Key(Sql, exists, group.UserPoolId, group.GroupName);
        return (long)(await exists.ExecuteScalarAsync(ct))! == 1 ? UpdateResult.VersionConflict : UpdateResult.NotFound;
    }

    public async Task<bool> DeleteAsync(string userPoolId, string groupName, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var delete = write.Command(GroupRows.Delete);
        GroupRows.Key(Sql, delete, userPoolId, groupName);
        var deleted = await delete.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return deleted;
    }

    public async Task<bool> AddMemberAsync(string userPoolId, string groupName, string usernameKey, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var insert = write.Command(
            "INSERT INTO group_members (pool_id, group_name, username_key) SELECT @pool, @name, @key " +
            $"WHERE {GroupRows.Exists} AND EXISTS (SELECT 1 FROM users WHERE pool_id = @pool AND username_key = @key) " +
            "ON CONFLICT (pool_id, group_name, username_key) DO NOTHING;");
        GroupRows.Member(Sql, insert, userPoolId, groupName, usernameKey);
        if (await insert.ExecuteNonQueryAsync(ct) == 1)
        {
            await write.CommitAsync(ct);
            return true;
        }

        using var member = write.Command(
            "SELECT EXISTS (SELECT 1 FROM group_members WHERE pool_id = @pool AND group_name = @name AND username_key = @key);");
        GroupRows.Member(Sql, member, userPoolId, groupName, usernameKey);
        return (long)(await member.ExecuteScalarAsync(ct))! == 1;
    }

    public async Task<bool> RemoveMemberAsync(string userPoolId, string groupName, string usernameKey, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        using var delete = write.Command(GroupRows.RemoveMember);
        GroupRows.Member(Sql, delete, userPoolId, groupName, usernameKey);
        var deleted = await delete.ExecuteNonQueryAsync(ct) == 1;
        await write.CommitAsync(ct);
        return deleted;
    }

    public async Task<Page<StoredGroup>> ListForUserAsync(string userPoolId, string usernameKey, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var connection = await db.OpenPreparedAsync(ct);
        var select = connection.Command(SqliteDialect.WithTake(
            $"SELECT {GroupRows.JoinedColumns} FROM group_members m INDEXED BY ix_group_members_user " +
            "CROSS JOIN user_groups g ON g.pool_id = m.pool_id AND g.group_name = m.group_name " + GroupRows.ForUserPage(afterKey), limit));
        Sql.Text(select, "@pool", userPoolId);
        Sql.Text(select, "@key", usernameKey);
        Sql.Page(select, afterKey, limit);
        return KeysetPage.From(await Sql.ReadAllAsync(select, GroupRows.Read, ct), limit, static g => g.GroupName);
    }

    public async Task<Page<StoredUser>> ListMembersAsync(string userPoolId, string groupName, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await db.OpenAsync(ct);
        using var select = connection.Command(
            $"SELECT {UserRows.JoinedColumns} FROM group_members m " +
            "CROSS JOIN users u ON u.pool_id = m.pool_id AND u.username_key = m.username_key " + GroupRows.MembersPage(afterKey));
        GroupRows.Key(Sql, select, userPoolId, groupName);
        Sql.Page(select, afterKey, limit);
        return KeysetPage.From(await Sql.ReadAllAsync(select, UserRows.Read, ct), limit, static u => u.UsernameKey);
    }
}
