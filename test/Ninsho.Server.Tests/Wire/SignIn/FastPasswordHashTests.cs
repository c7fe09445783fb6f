using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Ninsho.Server.Hosting;

namespace Ninsho.Server.Tests;

/// <summary>The documented test-only fast hash (<c>--insecure-fast-password-hash</c>): refused unless the server
/// listens on loopback, announced by a warning, and interchangeable with full-cost hashes across restarts.</summary>
public sealed class FastPasswordHashTests
{
    private const string Flag = "--insecure-fast-password-hash";
    private const string Password = "Fast-pw-1!";

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.0.0.2", true)]
    [InlineData("::1", true)]
    [InlineData("localhost", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::", false)]
    [InlineData("10.1.2.3", false)]
    public void Accepts_the_fast_hash_only_on_loopback_hosts(string host, bool accepted)
    {
        var options = new NinshoServerOptions { Host = host, InsecureFastPasswordHash = true };

        Assert.Equal(accepted, options.Problem() is null);
        Assert.Null((options with { InsecureFastPasswordHash = false }).Problem());
        Assert.Equal(NinshoServerOptions.FastPasswordHashIterations, options.EffectivePasswordHashIterations);
    }

    [Theory(Timeout = TestTimeoutMs)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Refuses_to_start_with_the_fast_hash_on_a_non_loopback_host(bool viaEnvironment)
    {
        var ct = TestContext.Current.CancellationToken;
        var dataDir = Directory.CreateTempSubdirectory("ninsho-fasthash-").FullName;
        try
        {
            var arguments = RepoPaths.ServerArguments(["serve", "--host", "0.0.0.0", "--port", FreePort(), "--data-dir", dataDir]);
            var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["NINSHO_INSECURE_FAST_PASSWORD_HASH"] = viaEnvironment ? "1" : null,
                ["NINSHO_HOST"] = null,
                ["NINSHO_POSTGRES"] = null,
            };
            if (!viaEnvironment)
            {
                arguments.Add(Flag);
            }

            var result = await ChildProcess.RunAsync(
                RepoPaths.ServerProgram, arguments, environment, TimeSpan.FromSeconds(60), dataDir, ct);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("loopback", result.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain(NinshoProcess.ListeningPrefix, result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Warns_at_start_and_signs_in_before_and_after_a_restart_at_full_cost()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await NinshoProcess.StartAsync([Flag], ct);
        await WaitForOutputAsync(server, "WARNING: " + Flag, ct);
        using var raw = new RawCognito(server.BaseUrl);
        var (poolId, clientId) = await WireUsers.CreatePoolAndClientAsync(raw, ct);
        await WireUsers.CreateUserAsync(raw, poolId, "fast", Password, ct);

        var tokens = WireUsers.Ok(await WireUsers.SignInAsync(raw, clientId, "fast", Password, ct)).Prop("AuthenticationResult");
        Assert.Equal(HttpStatusCode.OK, (await WireUsers.GetUserAsync(raw, tokens.Str("AccessToken"), ct)).Status);
        Assert.Equal("NotAuthorizedException", (await WireUsers.SignInAsync(raw, clientId, "fast", "Wrong-pw-1!", ct)).ErrorType);

        // Without the option the stored fast hash still verifies (and is rehashed at full cost on this sign-in).
        server.ExtraArguments = [];
        await server.RestartAsync(ct);
        var output = server.RecentOutput;
        Assert.DoesNotContain("WARNING", output[output.LastIndexOf("---- restart ----", StringComparison.Ordinal)..], StringComparison.Ordinal);
        _ = WireUsers.Ok(await WireUsers.SignInAsync(raw, clientId, "fast", Password, ct));
        _ = WireUsers.Ok(await WireUsers.SignInAsync(raw, clientId, "fast", Password, ct));
        Assert.Equal("NotAuthorizedException", (await WireUsers.SignInAsync(raw, clientId, "fast", "Wrong-pw-1!", ct)).ErrorType);
    }

    private static async Task WaitForOutputAsync(NinshoProcess server, string text, CancellationToken ct)
    {
        // stderr is read on its own pipe: the warning may arrive just after the listening line.
        for (var i = 0; i < 50 && !server.RecentOutput.Contains(text, StringComparison.Ordinal); i++)
        {
            await Task.Delay(100, ct);
        }

        Assert.Contains(text, server.RecentOutput, StringComparison.Ordinal);
    }

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }
}
