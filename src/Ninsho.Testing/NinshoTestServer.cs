using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Ninsho.Server.Hosting;

namespace Ninsho.Testing;

/// <summary>A Ninsho server inside the test process: the real server (the one <c>ninsho serve</c> runs), listening on a
/// free loopback port, with its SQLite database in a temporary folder and the test-only fast password hash. Point a
/// Cognito client at <see cref="Endpoint"/>; reset, read codes, move the clock and make signed-in users through the
/// typed helpers of the test-control API (docs/test-control.md). Dispose it to stop the server and delete the folder.
/// </summary>
/// <example>
/// <code>
/// await using var ninsho = await NinshoTestServer.StartAsync(new() { Region = "eu-west-1", SeedFile = "seed.yaml" });
/// var user = await ninsho.CreateUserAsync("eu-west-1_Example01", "exampleclient0000000000001", "alice@example.com");
/// // user.AccessToken is signed by the pool's key; its issuer is ninsho.Issuer("eu-west-1_Example01").
/// </code>
/// </example>
public sealed class NinshoTestServer : IAsyncDisposable
{
    private static readonly TimeSpan LongestServerWait = TimeSpan.FromSeconds(60);

    private readonly WebApplication _app;
    private readonly string _dataDirectory;
    private readonly HttpClient _http;
    private readonly string _base;
    private int _disposed;

    private NinshoTestServer(WebApplication app, string dataDirectory, string region)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        _base = NinshoHost.ListeningUrl(app).TrimEnd('/');
        Endpoint = new Uri(_base + "/");
        Region = region;
        _http = new HttpClient { BaseAddress = Endpoint, Timeout = LongestServerWait + TimeSpan.FromSeconds(30) };
    }

    /// <summary>The server's URL, e.g. <c>http://127.0.0.1:41234/</c>: the endpoint URL of a Cognito client
    /// (<c>ServiceURL</c>, <c>endpoint_url</c>, <c>--endpoint-url</c>).</summary>
    public Uri Endpoint { get; }

    /// <summary>The server's region: of new pool ids, and the one to configure Cognito clients with.</summary>
    public string Region { get; }

    /// <summary>The issuer of a user pool's tokens, <c>http://127.0.0.1:PORT/{userPoolId}</c>: the <c>Authority</c> of
    /// a JwtBearer handler. Its OpenID configuration and JWKS are at <c>/.well-known/openid-configuration</c> and
    /// <c>/.well-known/jwks.json</c> below it.</summary>
    public string Issuer(string userPoolId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userPoolId);
        return _base + "/" + userPoolId;
    }

    /// <summary>Starts a server: migrates a new SQLite database in a temporary folder, applies the seed if any, and
    /// listens on a free port of 127.0.0.1. A bad seed throws, naming the line and field.</summary>
    public static async Task<NinshoTestServer> StartAsync(NinshoTestServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new NinshoTestServerOptions();
        if (options.Seed is not null && options.SeedFile is not null)
        {
            throw new ArgumentException("Give Seed or SeedFile, not both.", nameof(options));
        }

        var dataDirectory = Directory.CreateTempSubdirectory("ninsho-testing-").FullName;
        try
        {
            var seedFile = options.SeedFile is { } file ? Path.GetFullPath(file) : null;
            if (options.Seed is { } seed)
            {
                // JSON is YAML, so the object goes to the server's seed reader as a file.
                seedFile = Path.Combine(dataDirectory, "seed.json");
                await File.WriteAllTextAsync(seedFile, JsonSerializer.Serialize(seed, seed.GetType()), cancellationToken);
            }

            var app = await NinshoHost.BuildAsync(
                new NinshoServerOptions
                {
                    Host = "127.0.0.1",
                    Port = 0,
                    DataDirectory = dataDirectory,
                    DefaultRegion = options.Region,
                    InsecureFastPasswordHash = true,
                    SeedFile = seedFile,
                    ShutdownTimeout = TimeSpan.FromSeconds(2),
                },
                cancellationToken);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }

            return new NinshoTestServer(app, dataDirectory, options.Region);
        }
        catch
        {
            DeleteFolder(dataDirectory);
            throw;
        }
    }

    /// <summary>Deletes every user pool and identity pool, the outbox and the clock's offset, then applies the seed
    /// again (<c>POST /_ninsho/reset</c>). With <paramref name="userPoolId"/>, only that pool (seeded again if the seed
    /// has it).</summary>
    public async Task ResetAsync(string? userPoolId = null, CancellationToken cancellationToken = default)
    {
        var path = userPoolId is null ? "_ninsho/reset" : "_ninsho/reset?pool=" + Uri.EscapeDataString(userPoolId);
        using var _ = await SendAsync(HttpMethod.Post, path, null, cancellationToken);
    }

    /// <summary>Waits until the outbox holds a message to <paramref name="recipient"/> (an email address or phone
    /// number) and returns the newest. A message sent before the call counts: pass the <see cref="NinshoOutboxMessage.Id"/>
    /// of the last one seen as <paramref name="after"/> to wait for the next. Throws <see cref="TimeoutException"/>
    /// when none came within <paramref name="timeout"/> (default 10 s).</summary>
    public async Task<NinshoOutboxMessage> WaitForMessageAsync(string recipient, long? after = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(recipient);
        var budget = timeout ?? TimeSpan.FromSeconds(10);
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var left = budget - TimeProvider.System.GetElapsedTime(started);
            var wait = left < TimeSpan.Zero ? TimeSpan.Zero : left > LongestServerWait ? LongestServerWait : left;
            var query = new StringBuilder("_ninsho/outbox?recipient=").Append(Uri.EscapeDataString(recipient))
                .Append("&wait=").Append(wait.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture));
            if (after is { } id)
            {
                _ = query.Append("&after=").Append(id.ToString(CultureInfo.InvariantCulture));
            }

            using var answer = await SendAsync(HttpMethod.Get, query.ToString(), null, cancellationToken);
            var messages = answer.RootElement.GetProperty("Messages");
            if (messages.GetArrayLength() > 0)
            {
                return ReadMessage(messages[messages.GetArrayLength() - 1]);
            }

            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No message to {recipient} reached the Ninsho outbox within {budget.TotalSeconds:0.#} s.");
            }
        }
    }

    /// <summary><see cref="WaitForMessageAsync"/>, returning the message's code (a sign-up or reset code, an MFA code, a
    /// temporary password).</summary>
    public async Task<string> WaitForCodeAsync(string recipient, long? after = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var message = await WaitForMessageAsync(recipient, after, timeout, cancellationToken);
        return message.Code ?? throw new InvalidOperationException($"The message {message.Id} to {recipient} carries no code: {message.Body}");
    }

    /// <summary>Moves the server's clock forward (<c>POST /_ninsho/clock</c>): tokens, codes, temporary passwords,
    /// sessions and lockouts then expire as if the time had passed. Returns the server's new time. Whole seconds;
    /// never backward. A token checked in your own process is still judged by your machine's clock.</summary>
    public async Task<DateTimeOffset> AdvanceClockAsync(TimeSpan by, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.FromSeconds(1));
        var seconds = ((long)by.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        using var answer = await SendAsync(HttpMethod.Post, "_ninsho/clock?advance=" + seconds, null, cancellationToken);
        return DateTimeOffset.Parse(answer.RootElement.GetProperty("Now").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    /// <summary>Creates a confirmed user with a permanent password and returns the tokens a sign-in through
    /// <paramref name="clientId"/> would get (<c>POST /_ninsho/users</c>). Without <paramref name="password"/> one is
    /// made up (see <see cref="NinshoTestUser.Password"/>).</summary>
    public async Task<NinshoTestUser> CreateUserAsync(
        string userPoolId,
        string clientId,
        string username,
        IReadOnlyDictionary<string, string>? attributes = null,
        string? password = null,
        CancellationToken cancellationToken = default)
    {
        var body = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["UserPoolId"] = userPoolId,
            ["ClientId"] = clientId,
            ["Username"] = username,
            ["Attributes"] = attributes ?? new Dictionary<string, string>(StringComparer.Ordinal),
        };
        if (password is not null)
        {
            body["Password"] = password;
        }

        using var answer = await SendAsync(HttpMethod.Post, "_ninsho/users", JsonSerializer.Serialize(body), cancellationToken);
        var root = answer.RootElement;
        var tokens = root.GetProperty("AuthenticationResult");
        return new NinshoTestUser(
            root.GetProperty("Username").GetString()!,
            root.GetProperty("UserSub").GetString()!,
            root.GetProperty("Password").GetString()!,
            tokens.GetProperty("AccessToken").GetString()!,
            tokens.GetProperty("IdToken").GetString()!,
            tokens.GetProperty("RefreshToken").GetString()!,
            tokens.GetProperty("ExpiresIn").GetInt32());
    }

    /// <summary>Stops the server and deletes its temporary folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _http.Dispose();
        await _app.DisposeAsync();
        // Pooled SQLite connections keep the file open, which on Windows would stop the folder's deletion.
        SqliteConnection.ClearAllPools();
        DeleteFolder(_dataDirectory);
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Ninsho {method} /{path} answered {(int)response.StatusCode}: {text}");
        }

        return JsonDocument.Parse(text);
    }

    private static NinshoOutboxMessage ReadMessage(JsonElement m) => new(
        m.GetProperty("Id").GetInt64(),
        m.GetProperty("UserPoolId").GetString()!,
        m.GetProperty("Username").GetString()!,
        m.GetProperty("Recipient").GetString()!,
        m.GetProperty("Medium").GetString()!,
        m.GetProperty("Subject").GetString(),
        m.GetProperty("Body").GetString()!,
        m.GetProperty("Code").GetString(),
        m.GetProperty("CreatedAt").GetDateTimeOffset());

    private static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
