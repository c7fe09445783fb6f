using System.Collections.Concurrent;
using System.Text.Json;
using Ninsho.Core.Security;
using Ninsho.Core.Serialization;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Pools;

/// <summary>Reads app clients for every feature; one parse (and secret unsealing) per stored version.</summary>
internal sealed class UserPoolClientService(INinshoStorage storage, ClientSecretSealer sealer)
{
    private readonly ConcurrentDictionary<string, (long Version, UserPoolClientType Config)> _parsed = new(StringComparer.Ordinal);

    /// <summary>Drops this node's parsed copies (of one client, or all), as <see cref="UserPoolService.Forget"/>.</summary>
    public void Forget(string? clientId)
    {
        if (clientId is null)
        {
            _parsed.Clear();
        }
        else
        {
            _ = _parsed.TryRemove(clientId, out _);
        }
    }

    /// <summary>The client, as Describe returns it; ResourceNotFoundException when it does not exist
    /// (or belongs to another pool, when <paramref name="userPoolId"/> is given).</summary>
    public async Task<UserPoolClientType> GetAsync(string clientId, string? userPoolId, CancellationToken ct)
    {
        var stored = await storage.Clients.FindAsync(clientId, ct);
        if (stored is null || (userPoolId is not null && stored.UserPoolId != userPoolId))
        {
            throw CognitoErrors.ClientNotFound(clientId);
        }

        return await DescribeAsync(stored);
    }

    /// <summary>The client and its pool's current version, read in one statement (for sign-ins, which need both:
    /// <see cref="UserPoolService.AtVersionAsync"/> turns the version into the pool);
    /// ResourceNotFoundException when the client does not exist.</summary>
    public async Task<(UserPoolClientType Client, long PoolVersion)> GetWithPoolVersionAsync(string clientId, CancellationToken ct)
    {
        var found = await storage.Clients.FindWithPoolVersionAsync(clientId, ct) ?? throw CognitoErrors.ClientNotFound(clientId);
        return (await DescribeAsync(found.Client), found.PoolVersion);
    }

    /// <summary>The client's parsed settings when this node holds them at <paramref name="version"/> (a version read
    /// from storage by the caller, in the same snapshot as what it checks); null otherwise.</summary>
    public UserPoolClientType? CachedAt(string clientId, long? version) =>
        version is { } v && _parsed.TryGetValue(clientId, out var cached) && cached.Version == v ? cached.Config : null;

    public async Task<UserPoolClientType> DescribeAsync(StoredUserPoolClient stored)
    {
        if (!_parsed.TryGetValue(stored.ClientId, out var cached) || cached.Version != stored.Version)
        {
            var config = JsonSerializer.Deserialize(stored.ConfigJson, CoreJsonContext.Default.UserPoolClientType) ?? new UserPoolClientType();
            cached = (stored.Version, await ClientSecretSet.AttachAsync(
                config with
                {
                    ClientId = stored.ClientId,
                    UserPoolId = stored.UserPoolId,
                    ClientName = stored.Name,
                    CreationDate = stored.CreatedAt,
                    LastModifiedDate = stored.ModifiedAt,
                },
                stored.ConfigJson,
                sealer));
            _parsed[stored.ClientId] = cached;
        }

        return cached.Config;
    }

    /// <summary>The stored form of a client: its configuration without the secret in clear, and its secrets
    /// sealed (see <see cref="ClientSecretSet"/>).</summary>
    public Task<string> SerializeAsync(string clientId, UserPoolClientType config, IReadOnlyList<ClientSecretEntry> secrets) => ClientSecretSet.WriteAsync(
        JsonSerializer.Serialize(
            config with { ClientId = null, UserPoolId = null, ClientName = null, CreationDate = null, LastModifiedDate = null, ClientSecret = null },
            CoreJsonContext.Default.UserPoolClientType),
        clientId,
        secrets,
        sealer);
}
