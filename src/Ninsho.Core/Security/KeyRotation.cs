using System.Text.Json;
using Ninsho.Core.Features.PoolConfiguration;
using Ninsho.Core.Features.SigningCertificates;
using Ninsho.Core.Pools;
using Ninsho.Core.SignIn;
using Ninsho.Core.Tokens;
using Ninsho.Storage;

namespace Ninsho.Core.Security;

internal sealed class KeyRotation(
    INinshoStorage storage, PoolSigningKeys poolKeys, SealingKeys sealingKeys, ClientSecretSealer secrets, TimeProvider clock, NinshoCoreOptions options)
    : IKeyRotation
{
    private const int Page = 60;

    public async Task<SigningKeyRotation?> RotateSigningKeysAsync(string userPoolId, TimeSpan grace, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(grace, TimeSpan.Zero);
        var activeAt = clock.GetUtcNow() + options.KeyRefreshInterval;
        var retireAt = activeAt + grace;
        var keys = SigningKeyFactory.CreatePair(userPoolId, clock).Select(k => k with { ActiveAt = activeAt }).ToArray();
        if (!await storage.UserPools.AddSigningKeysAsync(userPoolId, keys, retireAt, ct))
        {
            return null;
        }

        poolKeys.Forget(userPoolId);
        return new SigningKeyRotation([.. keys.Select(k => k.KeyId)], activeAt, retireAt);
    }

    public async Task<KeyRetirement?> RetireSigningKeysAsync(string userPoolId, CancellationToken ct)
    {
        var keys = await storage.UserPools.GetSigningKeysAsync(userPoolId, ct);
        if (keys.Count == 0)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (keys.Where(k => k.RetireAt is null && k.ActiveAt > now).Max(k => k.ActiveAt) is { } pending)
        {
            return new KeyRetirement([], pending);
        }

        var retired = keys.Where(k => k.RetireAt is not null).Select(k => k.KeyId).ToArray();
        _ = await storage.UserPools.DeleteRetiringSigningKeysAsync(userPoolId, ct);
        poolKeys.Forget(userPoolId);
        return new KeyRetirement(retired, null);
    }

    public async Task<IReadOnlyList<SigningKeyState>?> ListSigningKeysAsync(string userPoolId, CancellationToken ct)
    {
        var keys = await storage.UserPools.GetSigningKeysAsync(userPoolId, ct);
        return keys.Count == 0 ? null : [.. keys.Select(k => new SigningKeyState(k.KeyId, k.Use, k.CreatedAt, k.ActiveAt, k.RetireAt))];
    }

    public async Task<SealingKeyRotation> RotateSealingKeysAsync(CancellationToken ct)
    {
        var (ids, activeAt) = await sealingKeys.RotateAsync(ct);
        return new SealingKeyRotation(ids, activeAt);
    }

    public async Task<ResealReport> ResealAsync(CancellationToken ct)
    {
        if (await sealingKeys.PendingUntilAsync(ct) is { } pending)
        {
            return new ResealReport(0, 0, pending);
        }

        var clients = 0;
        var certificates = 0;
        string? afterPool = null;
        do
        {
            var pools = await storage.UserPools.ListAsync(Page, afterPool, ct);
            foreach (var pool in pools.Items)
            {
                clients += await ResealClientsAsync(pool.Id, ct);
                certificates += await ResealCertificateAsync(pool.Id, ct) ? 1 : 0;
            }

            afterPool = pools.NextKey;
        }
        while (afterPool is not null);

        return new ResealReport(clients, certificates, null);
    }

    public async Task<KeyRetirement> RetireSealingKeysAsync(CancellationToken ct)
    {
        var resealed = await ResealAsync(ct);
        if (resealed.PendingUntil is { } pending)
        {
            return new KeyRetirement([], pending);
        }

        return await sealingKeys.RetireAsync(ct) is { } retired ? new KeyRetirement(retired, null) : new KeyRetirement([], await sealingKeys.PendingUntilAsync(ct));
    }

    private async Task<int> ResealClientsAsync(string userPoolId, CancellationToken ct)
    {
        var count = 0;
        string? after = null;
        do
        {
            var page = await storage.Clients.ListAsync(userPoolId, Page, after, ct);
            foreach (var listed in page.Items)
            {
                // A concurrent update of the client wins; its write sealed under the current generation already.
                for (var client = listed; client is not null; client = await storage.Clients.FindAsync(listed.ClientId, ct))
                {
                    if (await ClientSecretSet.ResealAsync(client.ConfigJson, client.ClientId, secrets) is not { } json)
                    {
                        break;
                    }

                    if (await storage.Clients.UpdateAsync(client with { ConfigJson = json }, ct) != UpdateResult.VersionConflict)
                    {
                        count++;
                        break;
                    }
                }
            }

            after = page.NextKey;
        }
        while (after is not null);

        return count;
    }

    private async Task<bool> ResealCertificateAsync(string userPoolId, CancellationToken ct)
    {
        var row = await storage.PoolResources.FindAsync(userPoolId, SamlSigningKeys.Kind, SamlSigningKeys.Name, ct);
        if (row is null
            || JsonSerializer.Deserialize(row.BodyJson, PoolConfigurationJsonContext.Default.StoredSigningCertificate) is not { } body
            || await secrets.IsCurrentAsync(body.SealedPrivateKey))
        {
            return false;
        }

        var boundTo = "saml-signing:" + userPoolId;
        var resealed = body with { SealedPrivateKey = await secrets.SealAsync(boundTo, await secrets.OpenAsync(boundTo, body.SealedPrivateKey)) };
        var json = JsonSerializer.Serialize(resealed, PoolConfigurationJsonContext.Default.StoredSigningCertificate);
        return await storage.PoolResources.UpdateAsync(row with { BodyJson = json, ModifiedAt = clock.GetUtcNow() }, ct) == UpdateResult.Updated;
    }
}
