using System.Text;
using System.Text.Json;
using Ninsho.Storage;

namespace Ninsho.Server.Backup;

/// <summary><c>ninsho export</c> / <c>ninsho import</c>: a whole server (any backend) as JSON lines (see <see cref="BackupLine"/>),
/// so it moves between machines and between SQLite and PostgreSQL. Import goes into an empty server.</summary>
public static class ServerBackup
{
    public const int CurrentFormat = 1;
    private const int PageSize = 500;

    /// <summary>Writes every pool, key, client, resource server, domain, group, user, membership, device, passkey, linked provider
    /// identity, identity pool, identity and secret;
    /// returns the lines written.</summary>
    public static async Task<long> ExportAsync(INinshoStorage storage, Stream output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(storage);
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        long lines = 0;
        async Task WriteAsync(BackupLine line)
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(line, BackupJsonContext.Default.BackupLine));
            lines++;
        }

        await WriteAsync(new BackupLine { Type = "ninsho-backup", Format = CurrentFormat });
        foreach (var (name, value) in await storage.Secrets.ListAsync(ct))
        {
            await WriteAsync(new BackupLine { Type = "secret", Name = name, Value = value });
        }

        await foreach (var pool in PagesAsync((after, c) => storage.UserPools.ListAsync(PageSize, after, c), ct))
        {
            await WriteAsync(new BackupLine { Type = "pool", Pool = pool, Keys = await storage.UserPools.GetSigningKeysAsync(pool.Id, ct) });
            await foreach (var client in PagesAsync((after, c) => storage.Clients.ListAsync(pool.Id, PageSize, after, c), ct))
            {
                await WriteAsync(new BackupLine { Type = "client", Client = client });
            }

            foreach (var kind in PoolResourceKinds.All)
            {
                await foreach (var resource in PagesAsync((after, c) => storage.PoolResources.ListAsync(pool.Id, kind, PageSize, after, c), ct))
                {
                    await WriteAsync(new BackupLine { Type = "pool-resource", PoolResource = resource });
                }
            }

            await foreach (var server in PagesAsync((after, c) => storage.ResourceServers.ListAsync(pool.Id, PageSize, after, c), ct))
            {
                await WriteAsync(new BackupLine { Type = "resource-server", ResourceServer = server });
            }

            foreach (var domain in await storage.Domains.ListForPoolAsync(pool.Id, ct))
            {
                await WriteAsync(new BackupLine { Type = "domain", Domain = domain });
            }

            var groups = new List<string>();
            await foreach (var group in PagesAsync((after, c) => storage.Groups.ListAsync(pool.Id, PageSize, after, c), ct))
            {
                groups.Add(group.GroupName);
                await WriteAsync(new BackupLine { Type = "group", Group = group });
            }

            var usernameKeys = new List<string>();
            await foreach (var user in PagesAsync((after, c) => storage.Users.ListAsync(pool.Id, null, PageSize, after, c), ct))
            {
                usernameKeys.Add(user.UsernameKey);
                await WriteAsync(new BackupLine { Type = "user", User = user });
            }

            foreach (var usernameKey in usernameKeys)
            {
                await foreach (var device in PagesAsync((after, c) => storage.Devices.ListAsync(pool.Id, usernameKey, PageSize, after, c), ct))
                {
                    await WriteAsync(new BackupLine { Type = "device", Device = device });
                }

                foreach (var link in await storage.ProviderLinks.ListForUserAsync(pool.Id, usernameKey, ct))
                {
                    await WriteAsync(new BackupLine { Type = "provider-link", ProviderLink = link });
                }

                await foreach (var passkey in PagesAsync((after, c) => storage.WebAuthnCredentials.ListAsync(pool.Id, usernameKey, PageSize, after, c), ct))
                {
                    await WriteAsync(new BackupLine { Type = "passkey", Passkey = passkey });
                }
            }

            foreach (var group in groups)
            {
                await foreach (var member in PagesAsync((after, c) => storage.Groups.ListMembersAsync(pool.Id, group, PageSize, after, c), ct))
                {
                    await WriteAsync(new BackupLine { Type = "member", UserPoolId = pool.Id, GroupName = group, UsernameKey = member.UsernameKey });
                }
            }
        }

        await foreach (var identityPool in PagesAsync((after, c) => storage.IdentityPools.ListPoolsAsync(PageSize, after, c), ct))
        {
            await WriteAsync(new BackupLine { Type = "identity-pool", IdentityPool = identityPool });
            await foreach (var identity in PagesAsync((after, c) => storage.IdentityPools.ListIdentitiesAsync(identityPool.IdentityPoolId, PageSize, after, c), ct))
            {
                var logins = await storage.IdentityPools.ListLoginsAsync(identity.IdentityId, ct);
                await WriteAsync(new BackupLine { Type = "identity", Identity = identity, Logins = logins });
            }
        }

        await WriteAsync(new BackupLine { Type = "end", Count = lines });
        return lines;
    }

    /// <summary>Reads a backup into <paramref name="storage"/>; throws <see cref="InvalidDataException"/> on a bad file
    /// or when something in it already exists. Returns the number of users imported.</summary>
    public static async Task<long> ImportAsync(INinshoStorage storage, Stream input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(storage);
        using var reader = new StreamReader(input, Encoding.UTF8);
        var users = new List<StoredUser>();
        long lines = 0, imported = 0;
        var ended = false;
        while (await reader.ReadLineAsync(ct) is { } text)
        {
            if (text.Length == 0)
            {
                continue;
            }

            var line = JsonSerializer.Deserialize(text, BackupJsonContext.Default.BackupLine)
                ?? throw new InvalidDataException($"Line {lines + 1} is not a backup line.");
            if (lines == 0 && (line.Type != "ninsho-backup" || line.Format != CurrentFormat))
            {
                throw new InvalidDataException($"Not a Ninsho backup of format {CurrentFormat}.");
            }

            if (line.Type != "user" && users.Count > 0)
            {
                imported += await FlushAsync(storage, users, ct);
            }

            switch (line.Type)
            {
                case "ninsho-backup":
                    break;
                case "secret":
                    var kept = await storage.Secrets.GetOrAddAsync(Need(line.Name), Need(line.Value), ct);
                    Check(kept.AsSpan().SequenceEqual(line.Value), $"The server already has another secret {line.Name}.");
                    break;
                case "pool":
                    Check(await storage.UserPools.CreateAsync(Need(line.Pool), line.Keys ?? [], ct) == CreateResult.Created, $"Pool {line.Pool?.Id} already exists.");
                    break;
                case "client":
                    Check(await storage.Clients.CreateAsync(Need(line.Client), ct) == CreateResult.Created, $"Client {line.Client?.ClientId} already exists.");
                    break;
                case "pool-resource":
                    Check(await storage.PoolResources.CreateAsync(Need(line.PoolResource), ct) == CreateResult.Created,
                        $"{line.PoolResource?.Kind} {line.PoolResource?.Name} already exists.");
                    break;
                case "resource-server":
                    Check(await storage.ResourceServers.CreateAsync(Need(line.ResourceServer), ct) == CreateResult.Created,
                        $"Resource server {line.ResourceServer?.Identifier} already exists.");
                    break;
                case "domain":
                    Check(await storage.Domains.CreateAsync(Need(line.Domain), ct) == CreateResult.Created, $"Domain {line.Domain?.Domain} already exists.");
                    break;
                case "group":
                    Check(await storage.Groups.CreateAsync(Need(line.Group), ct) == CreateResult.Created, $"Group {line.Group?.GroupName} already exists.");
                    break;
                case "user":
                    users.Add(Need(line.User));
                    if (users.Count >= PageSize)
                    {
                        imported += await FlushAsync(storage, users, ct);
                    }

                    break;
                case "member":
                    Check(await storage.Groups.AddMemberAsync(Need(line.UserPoolId), Need(line.GroupName), Need(line.UsernameKey), ct),
                        $"Member {line.UsernameKey} of {line.GroupName}: no such group or user.");
                    break;
                case "device":
                    Check(await storage.Devices.CreateAsync(Need(line.Device), ct) == CreateResult.Created, $"Device {line.Device?.DeviceKey} already exists.");
                    break;
                case "provider-link":
                    Check(await storage.ProviderLinks.CreateAsync(Need(line.ProviderLink), ct) == CreateResult.Created,
                        $"Linked identity {line.ProviderLink?.ProviderName} {line.ProviderLink?.ProviderAttributeValue} already exists.");
                    break;
                case "passkey":
                    Check(await storage.WebAuthnCredentials.CreateAsync(Need(line.Passkey), ct) == CreateResult.Created,
                        $"Passkey {line.Passkey?.CredentialId} already exists.");
                    break;
                case "identity-pool":
                    Check(await storage.IdentityPools.CreatePoolAsync(Need(line.IdentityPool), ct) == CreateResult.Created,
                        $"Identity pool {line.IdentityPool?.IdentityPoolId} already exists.");
                    break;
                case "identity":
                    await ImportIdentityAsync(storage, Need(line.Identity), line.Logins ?? [], ct);
                    break;
                case "end":
                    Check(line.Count == lines, "The backup's line count does not match: the file is incomplete.");
                    ended = true;
                    break;
                default:
                    throw new InvalidDataException($"Line {lines + 1} has an unknown type '{line.Type}'.");
            }

            lines++;
        }

        Check(ended, "The backup has no end line: the file is incomplete.");
        return imported;
    }

    private static async Task ImportIdentityAsync(INinshoStorage storage, StoredIdentity identity, IReadOnlyList<IdentityLogin> logins, CancellationToken ct)
    {
        var first = logins.Count > 0 ? logins[0] : null;
        var stored = await storage.IdentityPools.GetOrCreateIdentityAsync(identity, first?.LoginKey, first?.Provider, ct);
        Check(stored?.IdentityId == identity.IdentityId, $"Identity {identity.IdentityId}: no such identity pool, or its login is taken.");
        foreach (var login in logins.Skip(1))
        {
            Check(await storage.IdentityPools.LinkLoginAsync(identity.IdentityId, login.LoginKey, login.Provider, identity.ModifiedAt, ct) == LinkResult.Linked,
                $"Identity {identity.IdentityId}: login already linked elsewhere.");
        }
    }

    private static async Task<long> FlushAsync(INinshoStorage storage, List<StoredUser> users, CancellationToken ct)
    {
        var results = await storage.Users.CreateManyAsync(users, ct);
        var clash = users.Where((_, i) => results[i] != CreateResult.Created).Select(u => u.Username).FirstOrDefault();
        Check(clash is null, $"User {clash} already exists.");
        var count = users.Count;
        users.Clear();
        return count;
    }

    private static async IAsyncEnumerable<T> PagesAsync<T>(Func<string?, CancellationToken, Task<Page<T>>> list, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? after = null;
        do
        {
            var page = await list(after, ct);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            after = page.NextKey;
        }
        while (after is not null);
    }

    private static T Need<T>(T? value) where T : class => value ?? throw new InvalidDataException("A backup line lacks a member its type needs.");

    private static void Check(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidDataException(problem);
        }
    }
}
