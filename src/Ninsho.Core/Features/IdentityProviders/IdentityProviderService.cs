using System.Text.Json;
using Ninsho.Core.Pools;
using Ninsho.Core.Serialization;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.IdentityProviders;

/// <summary>A pool's identity providers, kept as pool resources of kind <c>identity-provider</c>: the
/// IdentityProviderType without its pool id and dates, which come from the row.</summary>
internal sealed class IdentityProviderService(INinshoStorage storage, TimeProvider clock)
{
    public const string Kind = PoolResourceKinds.IdentityProvider;
    public const int MaxPerPool = 300;

    public async Task<IdentityProviderType> GetAsync(UserPoolSettings pool, string name, CancellationToken ct) =>
        await FindAsync(pool, name, ct) ?? throw NotFound(pool, name);

    public async Task<IdentityProviderType?> FindAsync(UserPoolSettings pool, string name, CancellationToken ct) =>
        await storage.PoolResources.FindAsync(pool.Id, Kind, name, ct) is { } row ? View(row) : null;

    /// <summary>Every provider of the pool (at most 300), in name order.</summary>
    public async Task<IReadOnlyList<IdentityProviderType>> AllAsync(UserPoolSettings pool, CancellationToken ct)
    {
        var page = await storage.PoolResources.ListAsync(pool.Id, Kind, MaxPerPool + 1, null, ct);
        return [.. page.Items.Select(View)];
    }

    public async Task<IdentityProviderType> CreateAsync(UserPoolSettings pool, IdentityProviderType provider, CancellationToken ct)
    {
        if (await storage.PoolResources.CountAsync(pool.Id, Kind, ct) >= MaxPerPool)
        {
            throw CognitoErrors.IdentityProviderLimit(MaxPerPool);
        }

        await CheckIdentifiersAsync(pool, provider, ct);
        var now = clock.GetUtcNow();
        var row = new StoredPoolResource
        {
            UserPoolId = pool.Id,
            Kind = Kind,
            Name = provider.ProviderName!,
            BodyJson = Serialize(provider),
            CreatedAt = now,
            ModifiedAt = now,
        };
        return await storage.PoolResources.CreateAsync(row, ct) == CreateResult.Created
            ? View(row)
            : throw CognitoErrors.DuplicateProvider(provider.ProviderName!);
    }

    public async Task<IdentityProviderType> UpdateAsync(UserPoolSettings pool, string name, Func<IdentityProviderType, IdentityProviderType> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var row = await storage.PoolResources.FindAsync(pool.Id, Kind, name, ct) ?? throw NotFound(pool, name);
            var updated = change(View(row));
            await CheckIdentifiersAsync(pool, updated, ct);
            var next = row with { BodyJson = Serialize(updated), ModifiedAt = clock.GetUtcNow() };
            switch (await storage.PoolResources.UpdateAsync(next, ct))
            {
                case UpdateResult.Updated:
                    return View(next);
                case UpdateResult.NotFound:
                    throw NotFound(pool, name);
            }
        }

        throw CognitoErrors.ConcurrentModification();
    }

    public async Task DeleteAsync(UserPoolSettings pool, string name, CancellationToken ct)
    {
        if (!await storage.PoolResources.DeleteAsync(pool.Id, Kind, name, ct))
        {
            throw NotFound(pool, name);
        }
    }

    /// <summary>An app client's SupportedIdentityProviders: <c>COGNITO</c> or providers of the pool.</summary>
    public async Task CheckSupportedAsync(UserPoolSettings pool, IReadOnlyList<string>? names, CancellationToken ct)
    {
        foreach (var name in names ?? [])
        {
            if (name != "COGNITO" && await storage.PoolResources.FindAsync(pool.Id, Kind, name, ct) is null)
            {
                throw CognitoErrors.UnknownSupportedProvider(name, pool.Id);
            }
        }
    }

    /// <summary>An IdpIdentifier names one provider of the pool.</summary>
    private async Task CheckIdentifiersAsync(UserPoolSettings pool, IdentityProviderType provider, CancellationToken ct)
    {
        var mine = provider.IdpIdentifiers ?? [];
        if (mine.Count == 0)
        {
            return;
        }

        if (mine.Distinct(StringComparer.Ordinal).Count() != mine.Count
            || (await AllAsync(pool, ct)).Any(p => p.ProviderName != provider.ProviderName && (p.IdpIdentifiers ?? []).Intersect(mine, StringComparer.Ordinal).Any()))
        {
            throw CognitoErrors.DuplicateIdpIdentifier();
        }
    }

    private static CognitoException NotFound(UserPoolSettings pool, string name) => CognitoErrors.IdentityProviderNotFound(name, pool.Id);

    private static string Serialize(IdentityProviderType provider) => JsonSerializer.Serialize(
        provider with { UserPoolId = null, CreationDate = null, LastModifiedDate = null }, CoreJsonContext.Default.IdentityProviderType);

    public static IdentityProviderType View(StoredPoolResource row) =>
        (JsonSerializer.Deserialize(row.BodyJson, CoreJsonContext.Default.IdentityProviderType) ?? new IdentityProviderType()) with
        {
            UserPoolId = row.UserPoolId,
            CreationDate = row.CreatedAt,
            LastModifiedDate = row.ModifiedAt,
        };
}
