namespace Ninsho.Server.Tests;

/// <summary>
/// One real Ninsho server shared by the tests of a collection. Safe because every test creates its own user pool
/// (and users, clients) and asserts only on those. Tests that kill or restart the server start their own
/// <see cref="NinshoProcess"/> instead.
/// </summary>
public sealed class NinshoServerFixture : IAsyncLifetime
{
    private NinshoProcess? _server;
    private RawCognito? _raw;

    public NinshoProcess Server => _server ?? throw new InvalidOperationException("The server fixture has not started.");

    public string BaseUrl => Server.BaseUrl;

    public AwsCli Cli => new(Server.BaseUrl);

    public RawCognito Raw => _raw ??= new RawCognito(Server.BaseUrl);

    public async ValueTask InitializeAsync() =>
        _server = await NinshoProcess.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        _raw?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
