namespace Ninsho.Storage.Tests;

/// <summary>The storage contract, written once and run on every backend. Each test gets a fresh, migrated
/// database (<see cref="CreateDatabaseAsync"/>); a subclass says how to make one and how to open storage on it.</summary>
public abstract partial class StorageContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, 123, TimeSpan.Zero);

    private static readonly IReadOnlyDictionary<string, string> NoAttributes = new Dictionary<string, string>();

    private readonly List<string> _databases = [];
    private readonly List<INinshoStorage> _opened = [];
    private string _database = "";

    /// <summary>This test's database, as <see cref="CreateDatabaseAsync"/> named it.</summary>
    protected string Database => _database;

    /// <summary>The storage under test, migrated, on this test's own database.</summary>
    protected INinshoStorage Storage { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Creates an empty database (a file path, a connection string: whatever the backend needs).</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    /// <summary>A new storage object on <paramref name="database"/>, not yet initialized.</summary>
    protected abstract INinshoStorage CreateStorage(string database);

    protected abstract ValueTask CloseStorageAsync(INinshoStorage storage);

    protected abstract Task DeleteDatabaseAsync(string database);

    /// <summary>Runs a <c>SELECT count(*) …</c> directly on <paramref name="database"/>.</summary>
    protected abstract Task<long> CountAsync(string database, string sql);

    public virtual async ValueTask InitializeAsync()
    {
        _database = await NewDatabaseAsync();
        Storage = await OpenAsync(_database);
    }

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var storage in _opened)
        {
            await CloseStorageAsync(storage);
        }

        foreach (var database in _databases)
        {
            await DeleteDatabaseAsync(database);
        }

        GC.SuppressFinalize(this);
    }

    protected async Task<string> NewDatabaseAsync()
    {
        var database = await CreateDatabaseAsync();
        _databases.Add(database);
        return database;
    }

    /// <summary>Opens and initializes another storage object on this test's database (another node or process).</summary>
    protected Task<INinshoStorage> OpenAsync() => OpenAsync(_database);

    protected async Task<INinshoStorage> OpenAsync(string database)
    {
        var storage = Open(database);
        await storage.InitializeAsync(Ct);
        return storage;
    }

    protected INinshoStorage Open(string database)
    {
        var storage = CreateStorage(database);
        _opened.Add(storage);
        return storage;
    }

    /// <summary>Closes <paramref name="storage"/> now (its connections too) rather than at the end of the test.</summary>
    protected async Task CloseAsync(INinshoStorage storage)
    {
        _ = _opened.Remove(storage);
        await CloseStorageAsync(storage);
    }

    protected Task<long> CountAsync(string sql) => CountAsync(_database, sql);

    protected static string NewId(string prefix) => $"{prefix}{Guid.NewGuid():N}";

    protected static StoredUserPool NewPool(string? id = null) => new()
    {
        Id = id ?? NewId("us-east-1_"),
        Name = "pool",
        CreatedAt = T0,
        ModifiedAt = T0,
        ConfigJson = """{"Policies":{"PasswordPolicy":{"MinimumLength":8}}}""",
    };

    protected async Task<string> CreatePoolAsync(string? id = null)
    {
        var pool = NewPool(id);
        Assert.Equal(CreateResult.Created, await Storage.UserPools.CreateAsync(pool, [], Ct));
        return pool.Id;
    }

    protected static StoredUserPoolClient NewClient(string poolId, string? clientId = null) => new()
    {
        ClientId = clientId ?? NewId("c"),
        UserPoolId = poolId,
        Name = "app",
        CreatedAt = T0,
        ModifiedAt = T0,
        ConfigJson = """{"ExplicitAuthFlows":["ALLOW_USER_SRP_AUTH"]}""",
    };

    protected async Task<string> CreateClientAsync(string poolId, string? clientId = null)
    {
        var client = NewClient(poolId, clientId);
        Assert.Equal(CreateResult.Created, await Storage.Clients.CreateAsync(client, Ct));
        return client.ClientId;
    }

    protected static StoredUser NewUser(string poolId, string usernameKey, IReadOnlyDictionary<string, string>? attributes = null)
    {
        var sub = Guid.NewGuid().ToString();
        var all = new Dictionary<string, string>(attributes ?? NoAttributes, StringComparer.Ordinal) { ["sub"] = sub };
        return new StoredUser
        {
            UserPoolId = poolId,
            Username = usernameKey,
            UsernameKey = usernameKey,
            Sub = sub,
            Status = "CONFIRMED",
            Enabled = true,
            CreatedAt = T0,
            ModifiedAt = T0,
            Attributes = all,
        };
    }

    protected async Task<StoredUser> CreateUserAsync(string poolId, string usernameKey, IReadOnlyDictionary<string, string>? attributes = null)
    {
        var user = NewUser(poolId, usernameKey, attributes);
        Assert.Equal(CreateResult.Created, await Storage.Users.CreateAsync(user, Ct));
        return user;
    }

    protected static StoredRefreshToken NewToken(string poolId, string clientId, string usernameKey, DateTimeOffset? expiresAt = null) => new()
    {
        TokenHash = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
        UserPoolId = poolId,
        ClientId = clientId,
        UsernameKey = usernameKey,
        OriginJti = Guid.NewGuid().ToString(),
        AuthTime = T0,
        IssuedAt = T0,
        ExpiresAt = expiresAt ?? T0.AddDays(30),
    };

    /// <summary>Every field equal, attributes compared as sets of pairs.</summary>
    protected static void AssertSameUser(StoredUser expected, StoredUser? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(
            expected.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal),
            actual.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal));
        Assert.Equal(expected with { Attributes = NoAttributes }, actual with { Attributes = NoAttributes });
    }

    protected static string[] Keys(Page<StoredUser> page) => [.. page.Items.Select(u => u.UsernameKey)];

    /// <summary>Pages through <see cref="IUserStore.ListAsync"/> to the end, checking that NextKey is null exactly on
    /// the last page and that every other page is full.</summary>
    protected async Task<IReadOnlyList<string>> ListAllKeysAsync(string poolId, UserFilter? filter, int limit)
    {
        var keys = new List<string>();
        string? after = null;
        for (var pages = 0; pages < 10_000; pages++)
        {
            var page = await Storage.Users.ListAsync(poolId, filter, limit, after, Ct);
            if (page.Items.Count == 0)
            {
                Assert.Empty(keys); // only a first page may be empty: NextKey was null on the last full page
            }

            keys.AddRange(Keys(page));
            if (page.NextKey is null)
            {
                Assert.True(page.Items.Count <= limit);
                return keys;
            }

            Assert.Equal(limit, page.Items.Count);
            Assert.Equal(page.Items[^1].UsernameKey, page.NextKey);
            after = page.NextKey;
        }

        throw new InvalidOperationException("Paging did not end.");
    }
}
