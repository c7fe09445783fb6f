namespace Ninsho.Storage.Tests;

public abstract partial class StorageContractTests
{
    [Fact]
    public async Task Initialize_is_idempotent()
    {
        await Storage.InitializeAsync(Ct);
        await Storage.InitializeAsync(Ct);

        Assert.Equal(1, await CountAsync("SELECT count(*) FROM schema_version WHERE version = 1"));
        _ = await CreatePoolAsync();
    }

    [Fact]
    public async Task Initialize_refuses_a_database_whose_schema_is_newer_than_this_build()
    {
        var pool = await CreatePoolAsync();
        // A newer build recorded migration 9999: this build must not run on it.
        Assert.Equal(1, await CountAsync(
            "INSERT INTO schema_version (version, name) VALUES (9999, 'from_the_future'); SELECT count(*) FROM schema_version WHERE version = 9999"));

        var refused = await Assert.ThrowsAsync<DatabaseSchemaTooNewException>(() => OpenAsync());

        Assert.Equal(9999, refused.DatabaseVersion);
        var newest = Storage.GetType().Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Migrations/V", StringComparison.Ordinal))
            .Max(n => int.Parse(n["Migrations/V".Length..n.IndexOf("__", StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(newest, refused.NewestKnownVersion);
        Assert.Contains("version 9999 (from_the_future)", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"versions up to {newest}", refused.Message, StringComparison.Ordinal);
        // Nothing was touched: the data is still there.
        Assert.NotNull(await Storage.UserPools.FindAsync(pool, Ct));
    }

    [Fact]
    public async Task Initialize_from_several_nodes_at_once_migrates_once()
    {
        var database = await NewDatabaseAsync();
        var nodes = Enumerable.Range(0, 4).Select(_ => Open(database)).ToList();
        using var start = new ManualResetEventSlim();

        var tasks = nodes.Select(node => Task.Run(
            async () =>
            {
                start.Wait(Ct);
                await node.InitializeAsync(Ct);
            },
            Ct)).ToList();
        start.Set();
        await Task.WhenAll(tasks);

        // Each embedded migration recorded once.
        var migrations = nodes[0].GetType().Assembly.GetManifestResourceNames().Count(n => n.StartsWith("Migrations/", StringComparison.Ordinal));
        Assert.True(migrations >= 1);
        Assert.Equal(migrations, await CountAsync(database, "SELECT count(*) FROM schema_version"));
        Assert.Equal(0, await CountAsync(database, "SELECT count(*) - count(DISTINCT version) FROM schema_version"));
        var pool = NewPool();
        Assert.Equal(CreateResult.Created, await nodes[0].UserPools.CreateAsync(pool, [], Ct));
        Assert.NotNull(await nodes[3].UserPools.FindAsync(pool.Id, Ct));
    }

    [Fact]
    public async Task Data_survives_reopening_the_storage()
    {
        var pool = NewPool();
        var key = new StoredSigningKey { UserPoolId = pool.Id, KeyId = "k1", Use = "access", PrivateKeyPkcs8 = [42, 0, 7], CreatedAt = T0 };
        _ = await Storage.UserPools.CreateAsync(pool, [key], Ct);
        var clientId = await CreateClientAsync(pool.Id);
        var user = await CreateUserAsync(pool.Id, "persistent", new Dictionary<string, string> { ["email"] = "p@example.com" });
        var token = NewToken(pool.Id, clientId, user.UsernameKey);
        await Storage.RefreshTokens.AddAsync(token, Ct);
        var secret = await Storage.Secrets.GetOrAddAsync("seal", [9, 9, 9], Ct);

        await CloseAsync(Storage);
        var reopened = await OpenAsync();

        Assert.Equal(pool, await reopened.UserPools.FindAsync(pool.Id, Ct));
        Assert.Equal([42, 0, 7], Assert.Single(await reopened.UserPools.GetSigningKeysAsync(pool.Id, Ct)).PrivateKeyPkcs8);
        Assert.NotNull(await reopened.Clients.FindAsync(clientId, Ct));
        AssertSameUser(user, await reopened.Users.FindAsync(pool.Id, "persistent", Ct));
        AssertSameUser(user, Assert.Single(await reopened.Users.FindByAttributeAsync(pool.Id, SearchableAttributes.Email, "p@example.com", 10, Ct)));
        Assert.Equal(token, await reopened.RefreshTokens.FindAsync(token.TokenHash, Ct));
        Assert.Equal(secret, await reopened.Secrets.GetOrAddAsync("seal", [1], Ct));
    }
}
