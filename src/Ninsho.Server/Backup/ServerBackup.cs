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

    /// <summary>The cluster key that seals refresh tokens (Core's SealingKeys.RefreshToken), with its generations <c>name#n</c>.</summary>
    private const string RefreshTokenKey = "refresh-token-key";

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
            // Refresh tokens carry their own state, sealed with this key; their revocations (rows) are not exported, so
            // neither is the key: on the new server every refresh token is refused, and users sign in again.
            if (name == RefreshTokenKey || name.StartsWith(RefreshTokenKey + "#", StringComparison.Ordinal))
            {
                continue;
            }

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

    /// <summary>Reads a backup into <paramref name="storage"/>, all of it or nothing: the whole file is read and checked
    /// (every line well-formed, the end line's count right, none of its pools, identity pools or secrets already on the
    /// server) before the first write, and when a write still fails, the pools and identity pools written so far are
    /// deleted again (their clients, users, groups, … go with them) before the error is thrown. Throws
    /// <see cref="InvalidDataException"/> naming the file's line. Returns the number of users imported.</summary>
    public static async Task<long> ImportAsync(INinshoStorage storage, Stream input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(input);
        await using var buffered = input.CanSeek ? null : new MemoryStream();
        if (buffered is not null)
        {
            await input.CopyToAsync(buffered, ct);
            input = buffered;
        }

        var start = input.Position;
        var contents = await CheckFileAsync(input, ct);
        await CheckTargetAsync(storage, contents, ct);
        input.Position = start;

        var written = new Written();
        try
        {
            return await WriteAsync(storage, input, contents, written, ct);
        }
        catch
        {
            // Undo without the caller's token: a cancelled import must not stay half-written either.
            foreach (var identityPool in written.IdentityPools)
            {
                _ = await storage.IdentityPools.DeletePoolAsync(identityPool, CancellationToken.None);
            }

            foreach (var pool in written.Pools)
            {
                _ = await storage.UserPools.DeleteAsync(pool, CancellationToken.None);
            }

            throw;
        }
    }

    /// <summary>What the first reading of the file found: the pools, identity pools and secrets it holds (with lines).</summary>
    private sealed class FileContents
    {
        public List<(long Line, string Id)> Pools { get; } = [];
        public List<(long Line, string Id)> IdentityPools { get; } = [];
        public List<(long Line, string Name, byte[] Value)> Secrets { get; } = [];
    }

    /// <summary>What this import has written so far, to be deleted again when it fails.</summary>
    private sealed class Written
    {
        public List<string> Pools { get; } = [];
        public List<string> IdentityPools { get; } = [];
    }

    /// <summary>The non-empty lines of the file, parsed, each with its line number in the file.</summary>
    private static async IAsyncEnumerable<(long Number, BackupLine Line)> LinesAsync(Stream input, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        long number = 0;
        while (await reader.ReadLineAsync(ct) is { } text)
        {
            number++;
            if (text.Length == 0)
            {
                continue;
            }

            BackupLine? line;
            try
            {
                line = JsonSerializer.Deserialize(text, BackupJsonContext.Default.BackupLine);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"Line {number} is not a backup line: {e.Message}", e);
            }

            yield return (number, line ?? throw new InvalidDataException($"Line {number} is not a backup line."));
        }
    }

    /// <summary>Reads the whole file once without writing: every line has a known type and the members it needs,
    /// the first line is the header and the end line counts the lines before it.</summary>
    private static async Task<FileContents> CheckFileAsync(Stream input, CancellationToken ct)
    {
        var contents = new FileContents();
        long lines = 0;
        var ended = false;
        await foreach (var (number, line) in LinesAsync(input, ct))
        {
            try
            {
                if (lines == 0 && (line.Type != "ninsho-backup" || line.Format != CurrentFormat))
                {
                    throw new InvalidDataException($"Not a Ninsho backup of format {CurrentFormat}.");
                }

                Check(!ended, "A line follows the end line.");
                switch (line.Type)
                {
                    case "ninsho-backup":
                        Check(lines == 0, "A second header line.");
                        break;
                    case "secret":
                        contents.Secrets.Add((number, Need(line.Name), Need(line.Value)));
                        break;
                    case "pool":
                        contents.Pools.Add((number, Need(line.Pool).Id));
                        break;
                    case "client":
                        _ = Need(line.Client);
                        break;
                    case "pool-resource":
                        _ = Need(line.PoolResource);
                        break;
                    case "resource-server":
                        _ = Need(line.ResourceServer);
                        break;
                    case "domain":
                        _ = Need(line.Domain);
                        break;
                    case "group":
                        _ = Need(line.Group);
                        break;
                    case "user":
                        _ = Need(line.User);
                        break;
                    case "member":
                        _ = (Need(line.UserPoolId), Need(line.GroupName), Need(line.UsernameKey));
                        break;
                    case "device":
                        _ = Need(line.Device);
                        break;
                    case "provider-link":
                        _ = Need(line.ProviderLink);
                        break;
                    case "passkey":
                        _ = Need(line.Passkey);
                        break;
                    case "identity-pool":
                        contents.IdentityPools.Add((number, Need(line.IdentityPool).IdentityPoolId));
                        break;
                    case "identity":
                        _ = Need(line.Identity);
                        break;
                    case "end":
                        Check(line.Count == lines, "The backup's line count does not match: the file is incomplete.");
                        ended = true;
                        break;
                    default:
                        throw new InvalidDataException($"Unknown line type '{line.Type}'.");
                }
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{e.Message} (line {number})", e);
            }

            lines++;
        }

        Check(ended, "The backup has no end line: the file is incomplete.");
        return contents;
    }

    /// <summary>Refuses, before any write, a server that already holds one of the file's pools, identity pools, or another
    /// secret of the same name.</summary>
    private static async Task CheckTargetAsync(INinshoStorage storage, FileContents contents, CancellationToken ct)
    {
        var secrets = (await storage.Secrets.ListAsync(ct)).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        foreach (var (line, name, value) in contents.Secrets)
        {
            Check(!secrets.TryGetValue(name, out var kept) || kept.AsSpan().SequenceEqual(value), $"The server already has another secret {name}. (line {line})");
        }

        foreach (var (line, id) in contents.Pools)
        {
            Check(await storage.UserPools.FindAsync(id, ct) is null, $"Pool {id} already exists. (line {line})");
        }

        foreach (var (line, id) in contents.IdentityPools)
        {
            Check(await storage.IdentityPools.FindPoolAsync(id, ct) is null, $"Identity pool {id} already exists. (line {line})");
        }
    }

    /// <summary>Writes the checked file, noting in <paramref name="written"/> each pool and identity pool created;
    /// secrets go last, once everything else is in.</summary>
    private static async Task<long> WriteAsync(INinshoStorage storage, Stream input, FileContents contents, Written written, CancellationToken ct)
    {
        var users = new List<(long Line, StoredUser User)>();
        long imported = 0;
        long current = 0;
        try
        {
            await foreach (var (number, line) in LinesAsync(input, ct))
            {
                if (line.Type != "user" && users.Count > 0)
                {
                    imported += await FlushAsync(storage, users, ct);
                }

                current = number;
                switch (line.Type)
                {
                    case "ninsho-backup" or "secret" or "end":
                        break;
                    case "pool":
                        Check(await storage.UserPools.CreateAsync(Need(line.Pool), line.Keys ?? [], ct) == CreateResult.Created, $"Pool {line.Pool?.Id} already exists.");
                        written.Pools.Add(line.Pool!.Id);
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
                        users.Add((number, Need(line.User)));
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
                        written.IdentityPools.Add(line.IdentityPool!.IdentityPoolId);
                        break;
                    case "identity":
                        await ImportIdentityAsync(storage, Need(line.Identity), line.Logins ?? [], ct);
                        break;
                    default:
                        throw new InvalidDataException($"Unknown line type '{line.Type}'.");
                }
            }

            if (users.Count > 0)
            {
                imported += await FlushAsync(storage, users, ct);
            }

            foreach (var (line, name, value) in contents.Secrets)
            {
                current = line;
                var kept = await storage.Secrets.GetOrAddAsync(name, value, ct);
                Check(kept.AsSpan().SequenceEqual(value), $"The server already has another secret {name}.");
            }
        }
        catch (UserLineException e)
        {
            throw new InvalidDataException($"{e.Message} (line {e.Line})", e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidDataException($"{(e is InvalidDataException ? e.Message : "Writing failed: " + e.Message)} (line {current})", e);
        }

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

    private static async Task<long> FlushAsync(INinshoStorage storage, List<(long Line, StoredUser User)> users, CancellationToken ct)
    {
        var results = await storage.Users.CreateManyAsync(users.ConvertAll(u => u.User), ct);
        var clash = users.Where((_, i) => results[i] != CreateResult.Created).FirstOrDefault();
        if (clash.User is not null)
        {
            throw new UserLineException(clash.Line, $"User {clash.User.Username} already exists.");
        }

        var count = users.Count;
        users.Clear();
        return count;
    }

    /// <summary>A user of a batch could not be written; <see cref="Line"/> is that user's line.</summary>
    private sealed class UserLineException(long line, string message) : Exception(message)
    {
        public long Line { get; } = line;
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
