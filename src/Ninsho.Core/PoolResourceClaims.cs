using System.Text.Json;
using Ninsho.Protocol.Errors;
using Ninsho.Storage;

namespace Ninsho.Core;

/// <summary>
/// Uniqueness beyond a resource's own name: a claim is a pool resource whose name is the unique key (the store refuses
/// a second row of that kind and name) and whose body is the id of the resource that holds it. The holder is written
/// after its claim and the claim released after the holder is gone, so a crash between the two writes can leave a claim
/// whose holder does not exist: such a claim is taken over once it is older than <see cref="InFlight"/> (younger, it may
/// belong to a create still in progress).
/// </summary>
internal sealed class PoolResourceClaims(INinshoStorage storage, TimeProvider clock)
{
    public static readonly TimeSpan InFlight = TimeSpan.FromSeconds(30);
    private const int Attempts = 5;

    /// <summary>Claims <paramref name="claimName"/> for <paramref name="ownerId"/> (a resource of
    /// <paramref name="ownerKind"/>); false when another live resource holds it, as judged by
    /// <paramref name="stillHolds"/> on that resource.</summary>
    public async Task<bool> TryClaimAsync(
        string userPoolId, string claimKind, string claimName, string ownerKind, string ownerId, Func<StoredPoolResource, bool> stillHolds, CancellationToken ct)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var now = clock.GetUtcNow();
            var claim = new StoredPoolResource
            {
                UserPoolId = userPoolId,
                Kind = claimKind,
                Name = claimName,
                BodyJson = Body(ownerId),
                CreatedAt = now,
                ModifiedAt = now,
            };
            if (await storage.PoolResources.CreateAsync(claim, ct) == CreateResult.Created)
            {
                return true;
            }

            if (await storage.PoolResources.FindAsync(userPoolId, claimKind, claimName, ct) is not { } existing)
            {
                continue;
            }

            var holderId = HolderOf(existing);
            if (holderId == ownerId)
            {
                return true;
            }

            var holder = holderId is null ? null : await storage.PoolResources.FindAsync(userPoolId, ownerKind, holderId, ct);
            if (holder is not null ? stillHolds(holder) : now - existing.CreatedAt < InFlight)
            {
                return false;
            }

            _ = await storage.PoolResources.DeleteAsync(userPoolId, claimKind, claimName, ct);
        }

        throw CognitoErrors.ConcurrentModification();
    }

    /// <summary>The id of the resource holding the claim, or null when there is no claim.</summary>
    public async Task<string?> HolderAsync(string userPoolId, string claimKind, string claimName, CancellationToken ct) =>
        await storage.PoolResources.FindAsync(userPoolId, claimKind, claimName, ct) is { } claim ? HolderOf(claim) : null;

    /// <summary>Drops the claim when <paramref name="ownerId"/> still holds it.</summary>
    public async Task ReleaseAsync(string userPoolId, string claimKind, string claimName, string ownerId, CancellationToken ct)
    {
        if (await HolderAsync(userPoolId, claimKind, claimName, ct) == ownerId)
        {
            _ = await storage.PoolResources.DeleteAsync(userPoolId, claimKind, claimName, ct);
        }
    }

    private static string Body(string ownerId) => "\"" + JsonEncodedText.Encode(ownerId).Value + "\"";

    private static string? HolderOf(StoredPoolResource claim)
    {
        try
        {
            using var body = JsonDocument.Parse(claim.BodyJson);
            return body.RootElement.ValueKind == JsonValueKind.String ? body.RootElement.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
