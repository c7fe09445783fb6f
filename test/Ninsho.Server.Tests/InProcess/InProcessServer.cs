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
    private WebApplication? _app;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public Uri BaseUrl { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _app = await NinshoHost.BuildAsync(
            new NinshoServerOptions { Port = 0, DataDirectory = _dataDir, PasswordHashIterations = 1000 },
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
}
