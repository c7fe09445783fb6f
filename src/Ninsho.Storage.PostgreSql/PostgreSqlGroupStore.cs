using Ninsho.Storage.Internal;
using Ninsho.Storage.Internal.Rows;

namespace Ninsho.Storage.PostgreSql;

internal sealed class PostgreSqlGroupStore(PostgreSqlCommands db) : IGroupStore
{
    private static readonly PostgreSqlDialect Sql = PostgreSqlDialect.Instance;

    public async Task<CreateResult> CreateAsync(StoredGroup group, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(group);
        await using var insert = db.CreateCommand(GroupRows.Insert);
        GroupRows.Bind(Sql, insert, group);
        return await insert.ExecuteNonQueryAsync(ct) == 1 ? CreateResult.Created : CreateResult.AlreadyExists;
    }

    public async Task<long> CountAsync(string userPoolId, CancellationToken ct)
    {
        await using var count = db.CreateCommand(GroupRows.Count);
        Sql.Text(count, "@pool", userPoolId);
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }

    public async Task<StoredGroup?> FindAsync(string userPoolId, string groupName, CancellationToken ct)
    {
        await using var select = db.CreateCommand(GroupRows.Find);
        GroupRows.Key(Sql, select, userPoolId, groupName);
        return await Sql.ReadFirstAsync(select, GroupRows.Read, ct);
    }

    public async Task<Page<StoredGroup>> ListAsync(string userPoolId, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var select = db.CreateCommand(GroupRows.List(afterKey));
        Sql.Text(select, "@pool", userPoolId);
        Sql.Page(select, afterKey, limit);
        return KeysetPage.From(await Sql.ReadAllAsync(select, GroupRows.Read, ct), limit, static g => g.GroupName);
    }

    public async Task<UpdateResult> UpdateAsync(StoredGroup group, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(group);
        await using var update = db.CreateCommand(
            $"WITH updated AS ({GroupRows.Update} RETURNING 1) SELECT (SELECT count(*) FROM updated), {GroupRows.Exists};");
        GroupRows.Bind(Sql, update, group);
        return await PostgreSqlResults.ReadUpdateAsync(update, ct);
    }

    public async Task<bool> DeleteAsync(string userPoolId, string groupName, CancellationToken ct)
    {
        await using var delete = db.CreateCommand(GroupRows.Delete);
        GroupRows.Key(Sql, delete, userPoolId, groupName);
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
            "SELECT EXISTS (SELECT 1 FROM g) AND EXISTS (SELECT 1 FROM u);");
        GroupRows.Member(Sql, insert, userPoolId, groupName, usernameKey);
        return (bool)(await insert.ExecuteScalarAsync(ct))!;
    }

    public async Task<bool> RemoveMemberAsync(string userPoolId, string groupName, string usernameKey, CancellationToken ct)
    {
        await using var delete = db.CreateCommand(GroupRows.RemoveMember);
        GroupRows.Member(Sql, delete, userPoolId, groupName, usernameKey);
        return await delete.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<Page<StoredGroup>> ListForUserAsync(string userPoolId, string usernameKey, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var select = db.CreateCommand(
            $"SELECT {GroupRows.JoinedColumns} FROM group_members m JOIN user_groups g ON g.pool_id = m.pool_id AND g.group_name = m.group_name " +
            GroupRows.ForUserPage(afterKey));
        Sql.Text(select, "@pool", userPoolId);
        Sql.Text(select, "@key", usernameKey);
        Sql.Page(select, afterKey, limit);
        return KeysetPage.From(await Sql.ReadAllAsync(select, GroupRows.Read, ct), limit, static g => g.GroupName);
    }

    public async Task<Page<StoredUser>> ListMembersAsync(string userPoolId, string groupName, int limit, string? afterKey, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var select = db.CreateCommand(
            $"SELECT {UserRows.JoinedColumns} FROM group_members m JOIN users u ON u.pool_id = m.pool_id AND u.username_key = m.username_key " +
            GroupRows.MembersPage(afterKey));
        GroupRows.Key(Sql, select, userPoolId, groupName);
        Sql.Page(select, afterKey, limit);
        return KeysetPage.From(await Sql.ReadAllAsync(select, UserRows.Read, ct), limit, static u => u.UsernameKey);
    }
}
