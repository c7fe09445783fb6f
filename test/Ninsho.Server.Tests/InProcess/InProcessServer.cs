using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Ninsho.Server.Hosting;

namespace Ninsho.Server.Tests.InProcess;

/// <summary>A Ninsho node in this process on a free loopback port, with a fresh data folder.</summary>
public sealed class InProcessServer : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "ninsho-inproc-" + Guid.NewGuid().ToString("N"));
    private readonly Func<NinshoServerOptions, NinshoServerOptions> _configure;
    private WebApplication? _app;

    public InProcessServer()
        : this(o => o)
    {
    }

    private InProcessServer(Func<NinshoServerOptions, NinshoServerOptions> configure) => _configure = configure;

    /// <summary>A node whose options <paramref name="configure"/> adjusts (e.g. to share a PostgreSQL database).</summary>
    public static InProcessServer With(Func<NinshoServerOptions, NinshoServerOptions> configure) => new(configure);

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The node's services, for tests that drive a background job by hand.</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        _app = await NinshoHost.BuildAsync(
            _configure(new NinshoServerOptions { Port = 0, DataDirectory = _dataDir, PasswordHashIterations = 1000 }),
            CancellationToken.None);
        await _app.StartAsync();
        BaseUrl = new Uri(NinshoHost.ListeningUrl(_app));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Posts raw bytes with the given X-Amz-Target (none when null).</summary>
    public async Task<(int Status, JsonElement? Body, HttpResponseMessage Response)> PostAsync(string? target, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl);
        if (target is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        }

        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-amz-json-1.1");
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonElement? json = null;
        if (text.Length > 0)
        {
            try
            {
                json = JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
            }
        }

        return ((int)response.StatusCode, json, response);
    }

    public Task<(int Status, JsonElement? Body, HttpResponseMessage Response)> PostAsync(string target, string json) =>
        PostAsync(target, Encoding.UTF8.GetBytes(json));

    /// <summary>Calls a cognito-idp operation with a JSON body and returns the parsed 200 answer (fails otherwise).</summary>
    public async Task<JsonElement> CallAsync(string operation, object body)
    {
        var (status, json, _) = await PostAsync("AWSCognitoIdentityProviderService." + operation, JsonSerializer.Serialize(body));
        Assert.True(status == 200, $"{operation}: HTTP {status} {json}");
        return json!.Value;
    }

    /// <summary>InitiateAuth USER_PASSWORD_AUTH; returns the AuthenticationResult (fails on any other answer).</summary>
    public async Task<JsonElement> PasswordSignInAsync(string clientId, string username, string password) =>
        (await CallAsync("InitiateAuth", new
        {
            ClientId = clientId,
            AuthFlow = "USER_PASSWORD_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = username, ["PASSWORD"] = password },
        })).GetProperty("AuthenticationResult");
}
