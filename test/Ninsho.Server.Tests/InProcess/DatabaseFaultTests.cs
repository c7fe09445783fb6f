using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ninsho.Server.Hosting;

namespace Ninsho.Server.Tests.InProcess;

/// <summary>A SQLite database that is full, read-only or corrupt answers a clear 503 naming the condition, not a bare
/// 500. The faults are real SQLite conditions set on the node's own pooled connections: <c>PRAGMA max_page_count</c>
/// at the current size makes the next page allocation fail with SQLITE_FULL (what a full disk gives), and
/// <c>PRAGMA query_only</c> makes every write fail with SQLITE_READONLY. Corruption overwrites the file's pages.</summary>
public sealed class DatabaseFaultTests : IAsyncLifetime
{
    private readonly CapturingLoggerProvider _logs = new();
    private readonly InProcessServer _server;

    public DatabaseFaultTests() => _server = InProcessServer.With(o => o with { TestLoggerProvider = _logs });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _server.InitializeAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task A_full_database_answers_503_saying_it_is_full()
    {
        var poolId = await CreatePoolAsync();
        await OnPooledConnectionsAsync("PRAGMA max_page_count = {page_count};", "SELECT max_page_count FROM pragma_max_page_count()");

        var (status, body) = await CreateUsersUntilRefusedAsync(poolId, 400);

        Assert.Equal(503, status);
        Assert.Equal("InternalErrorException", body.GetProperty("__type").GetString());
        Assert.Equal("The server's database is full; free disk space, then retry.", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_read_only_database_answers_503_saying_it_is_read_only()
    {
        var poolId = await CreatePoolAsync();
        await OnPooledConnectionsAsync("PRAGMA query_only = 1;", "SELECT query_only FROM pragma_query_only()");

        var (status, body) = await CreateUsersUntilRefusedAsync(poolId, 1);

        Assert.Equal(503, status);
        Assert.Equal("InternalErrorException", body.GetProperty("__type").GetString());
        Assert.Equal("The server's database is read-only; it cannot store changes.", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_corrupt_database_answers_503_saying_it_is_corrupt()
    {
        var poolId = await CreatePoolAsync();
        _ = await CreateUsersUntilRefusedAsync(poolId, 150);
        await CorruptAsync();

        var (status, json, _) = await _server.PostAsync("AWSCognitoIdentityProviderService.ListUsers", JsonSerializer.Serialize(new { UserPoolId = poolId }));

        Assert.Equal(503, status);
        Assert.Equal("InternalErrorException", json!.Value.GetProperty("__type").GetString());
        Assert.Equal("The server's database is damaged; restore it from a backup.", json.Value.GetProperty("message").GetString());
    }

    /// <summary>The OAuth endpoints answer a damaged database with 503 and an OAuth error (RFC 6749's
    /// <c>temporarily_unavailable</c>), the browser pages with a 503 page saying so, each logged once at Error level
    /// naming the condition, and never with a secret the request carried.</summary>
    [Fact]
    public async Task A_corrupt_database_answers_the_oauth_endpoints_and_pages_503_and_logs_it_once()
    {
        var poolId = await CreatePoolAsync();
        _ = await CreateUsersUntilRefusedAsync(poolId, 150);
        await CorruptAsync();
        const string Secret = "s3cr3t-client-secret-never-logged";
        const string Code = "an-authorization-code-never-logged";
        const string Message = "The server's database is damaged; restore it from a backup.";

        using (var token = await _server.Http.PostAsync(new Uri(_server.BaseUrl, "/oauth2/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = "4unknownclient0000000000000",
            ["client_secret"] = Secret,
            ["code"] = Code,
            ["redirect_uri"] = "https://app.example.com/cb",
        }), Ct))
        {
            Assert.Equal(503, (int)token.StatusCode);
            Assert.StartsWith("application/json", token.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
            using var body = JsonDocument.Parse(await token.Content.ReadAsStringAsync(Ct));
            Assert.Equal("temporarily_unavailable", body.RootElement.GetProperty("error").GetString());
            Assert.Equal(Message, body.RootElement.GetProperty("error_description").GetString());
        }

        // One line for the request (background jobs meeting the same file may log their own), and no second,
        // bare report of an unhandled exception from Kestrel.
        var line = Assert.Single(_logs.Errors, l => l.Contains("/oauth2/token", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Errors, l => l.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.StartsWith("Ninsho.Server.Hosting.DatabaseFaultAnswers: Database unavailable: ", line, StringComparison.Ordinal);
        Assert.Contains("Database unavailable: SQLite: the database file is malformed (SQLITE_CORRUPT)", line, StringComparison.Ordinal);
        Assert.Contains("/oauth2/token", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, line, StringComparison.Ordinal);
        Assert.DoesNotContain(Code, line, StringComparison.Ordinal);

        using var page = await _server.Http.GetAsync(new Uri(_server.BaseUrl,
            $"/login?client_id=4unknownclient0000000000000&response_type=code&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb&state={Code}"), Ct);
        Assert.Equal(503, (int)page.StatusCode);
        Assert.StartsWith("text/html", page.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains(Message, System.Net.WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        var pageLine = Assert.Single(_logs.Errors, l => l.Contains("GET /login", StringComparison.Ordinal));
        Assert.Contains("(SQLITE_CORRUPT)", pageLine, StringComparison.Ordinal);
        Assert.DoesNotContain(_logs.Errors, l => l.Contains(Code, StringComparison.Ordinal) || l.Contains(Secret, StringComparison.Ordinal));
    }

    /// <summary>Overwrites every page of the database file but the first with garbage, so reads fail with SQLITE_CORRUPT.</summary>
    private async Task CorruptAsync()
    {
        var file = DatabaseFile();
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
        {
            await connection.OpenAsync(Ct);
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            _ = await checkpoint.ExecuteNonQueryAsync(Ct);
        }

        // Every page but the header page (the schema) becomes garbage; the node then reads from the file afresh.
        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            var garbage = new byte[stream.Length - 4096];
            Array.Fill(garbage, (byte)0xA5);
            stream.Position = 4096;
            await stream.WriteAsync(garbage, Ct);
        }

        SqliteConnection.ClearAllPools();
    }

    private async Task<string> CreatePoolAsync() =>
        (await _server.CallAsync("CreateUserPool", new { PoolName = "faults" })).GetProperty("UserPool").GetProperty("Id").GetString()!;

    private string DatabaseFile() => Path.Combine(_server.Services.GetRequiredService<NinshoServerOptions>().DataDirectory, "ninsho.db");

    /// <summary>Takes every idle connection of the node's pool (and a few more), runs <paramref name="pragma"/> on each
    /// and gives them back, so the node's next writes run on them.</summary>
    private async Task OnPooledConnectionsAsync(string pragma, string check)
    {
        // The server keeps its write connection (and hot reads) open with prepared statements, outside the pool: give
        // them back first, so the pragma reaches the connection the next write takes.
        var storage = (Ninsho.Storage.Sqlite.SqliteNinshoStorage)_server.Services.GetRequiredService<Ninsho.Storage.INinshoStorage>();
        storage.ReleaseKeptConnections();
        var connectionString = Ninsho.Storage.Sqlite.SqliteConnectionFactory.ConnectionStringForFile(DatabaseFile());
        var connections = new List<SqliteConnection>();
        for (var i = 0; i < 16; i++)
        {
            var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(Ct);
            connections.Add(connection);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA page_count;";
            var pages = Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
            command.CommandText = pragma.Replace("{page_count}", pages.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) + " " + check;
            Assert.NotNull(await command.ExecuteScalarAsync(Ct));
        }

        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }

        // A background write (a sweeper, a key refresh) that ran while the pragmas were set may have opened a new kept
        // connection without them (seen on a loaded CI machine): give it back too, so the next write takes one of these.
        storage.ReleaseKeptConnections();
    }

    /// <summary>Creates users until one is refused (or <paramref name="most"/> were made); returns the last answer.</summary>
    private async Task<(int Status, JsonElement Body)> CreateUsersUntilRefusedAsync(string poolId, int most)
    {
        (int Status, JsonElement Body) last = default;
        for (var i = 0; i < most; i++)
        {
            var (status, json, _) = await _server.PostAsync("AWSCognitoIdentityProviderService.AdminCreateUser", JsonSerializer.Serialize(new
            {
                UserPoolId = poolId,
                Username = $"user{i:D4}",
                MessageAction = "SUPPRESS",
                UserAttributes = new[] { new { Name = "name", Value = new string('x', 1500) } },
            }));
            last = (status, json ?? default);
            if (status != 200)
            {
                break;
            }
        }

        return last;
    }

    /// <summary>Keeps the text of every Error-level (or worse) line the node logs, with its exception.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly List<string> _errors = [];

        public IReadOnlyList<string> Errors
        {
            get
            {
                lock (_errors)
                {
                    return [.. _errors];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Category(this, categoryName);

        public void Dispose()
        {
        }

        private void Add(string line)
        {
            lock (_errors)
            {
                _errors.Add(line);
            }
        }

        /// <summary>Each line is kept as <c>category: message</c>, then the exception.</summary>
        private sealed class Category(CapturingLoggerProvider owner, string name) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    owner.Add($"{name}: {formatter(state, exception)}\n{exception}");
                }
            }
        }
    }
}
