using System.Security.Cryptography;
using Npgsql;

namespace Ninsho.Storage.PostgreSql;

/// <summary>The per-pool user count kept in <c>user_counts</c> (V006): 16 shard rows per pool, so that concurrent
/// inserts of one pool seldom wait on each other's row lock, and counting costs a 16-row sum.</summary>
internal static class UserCounts
{
    public const int Shards = 16;

    public static async Task AddAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string userPoolId, long delta, CancellationToken ct)
    {
        await using var add = new NpgsqlCommand(
            "INSERT INTO user_counts (pool_id, shard, n) VALUES (@pool, @shard, @delta) " +
            "ON CONFLICT (pool_id, shard) DO UPDATE SET n = user_counts.n + excluded.n;", connection, transaction)
            .With("pool", userPoolId)
            .With("shard", (short)RandomNumberGenerator.GetInt32(Shards))
            .With("delta", delta);
        _ = await add.ExecuteNonQueryAsync(ct);
    }
}
