using Ninsho.Protocol.Errors;
using Ninsho.Storage;

namespace Ninsho.Core.Features.PoolConfiguration;

/// <summary>Stores a pool resource whether or not it exists yet: created, or its body replaced (keeping its creation
/// date), retried when another request wrote it in between.</summary>
internal static class PoolResourceWriter
{
    private const int Attempts = 5;

    /// <summary>Writes <paramref name="body"/> (given the row it replaces, or null) under the pool, kind and name;
    /// returns the row as stored.</summary>
    public static async Task<StoredPoolResource> PutAsync(
        IPoolResourceStore store, string userPoolId, string kind, string name, Func<StoredPoolResource?, string> body, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var existing = await store.FindAsync(userPoolId, kind, name, ct);
            if (existing is null)
            {
                var row = new StoredPoolResource
                {
                    UserPoolId = userPoolId,
                    Kind = kind,
                    Name = name,
                    BodyJson = body(null),
                    CreatedAt = now,
                    ModifiedAt = now,
                };
                if (await store.CreateAsync(row, ct) == CreateResult.Created)
                {
                    return row;
                }

                continue;
            }

            var next = existing with { BodyJson = body(existing), ModifiedAt = now };
            if (await store.UpdateAsync(next, ct) == UpdateResult.Updated)
            {
                return next with { Version = existing.Version + 1 };
            }
        }

        throw CognitoErrors.ConcurrentModification();
    }
}
