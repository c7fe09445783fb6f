using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ninsho.Server.Tests;

/// <summary>
/// moto's stand-alone server (<c>moto_server</c>, the Python package moto, which scripts/setup.sh checks for) on a
/// free loopback port: a local STS, IAM and S3 for the tests of <c>--sts-endpoint</c>. It starts with IAM checks off
/// (every request accepted); <see cref="RequireSignaturesAsync"/> turns them on, after which S3 and the other
/// services accept only requests signed by credentials moto issued, within the policies of their role.
/// Disposal kills the process.
/// </summary>
public sealed class MotoServer : IAsyncDisposable
{
    /// <summary>moto's default account: the account of the roles and credentials it hands out.</summary>
    public const string AccountId = "123456789012";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private bool _disposed;

    private MotoServer(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseUrl = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
    }

    public int Port { get; }

    /// <summary><c>http://127.0.0.1:PORT</c>, no trailing slash.</summary>
    public string BaseUrl { get; }

    /// <summary>Starts moto_server and waits until it answers (30 s at most).</summary>
    public static async Task<MotoServer> StartAsync(CancellationToken ct)
    {
        var executable = FindOnPath("moto_server");
        Assert.True(executable is not null,
            "moto_server is not on PATH: run scripts/setup.sh (it installs the Python package moto with its server extra).");
        var port = FreePort();
        var startInfo = new ProcessStartInfo(executable!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-H", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture) })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start moto_server");
        var moto = new MotoServer(process, port);
        process.OutputDataReceived += (_, e) => moto.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => moto.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await moto.WaitUntilAnsweringAsync(ct);
            return moto;
        }
        catch
        {
            await moto.DisposeAsync();
            throw;
        }
    }

    /// <summary>Turns moto's IAM checks on from now on (its <c>/moto-api/reset-auth</c> with 0 free requests).</summary>
    public async Task RequireSignaturesAsync(CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var body = new StringContent("0", Encoding.UTF8, "text/plain");
        using var answer = await http.PostAsync(new Uri(BaseUrl + "/moto-api/reset-auth"), body, ct);
        Assert.True(answer.IsSuccessStatusCode, $"moto reset-auth answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync(ct)}");
    }

    /// <summary>Runs <c>aws --endpoint-url MOTO &lt;args&gt;</c> with the given credentials (a null session token
    /// for long-term keys), no config files, one attempt.</summary>
    public async Task<AwsCliResult> AwsAsync(string accessKeyId, string secretKey, string? sessionToken, CancellationToken ct, params string[] args)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["AWS_ACCESS_KEY_ID"] = accessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = secretKey,
            ["AWS_SESSION_TOKEN"] = sessionToken,
            ["AWS_SECURITY_TOKEN"] = null,
            ["AWS_PROFILE"] = null,
            ["AWS_DEFAULT_PROFILE"] = null,
            ["AWS_REGION"] = null,
            ["AWS_DEFAULT_REGION"] = AwsCli.Region,
            ["AWS_ENDPOINT_URL"] = null,
            ["AWS_CA_BUNDLE"] = null,
            ["AWS_CONFIG_FILE"] = "/dev/null",
            ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
            ["AWS_MAX_ATTEMPTS"] = "1",
            ["AWS_RETRY_MODE"] = "legacy",
            ["AWS_PAGER"] = "",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["PYTHONIOENCODING"] = "utf-8",
        };
        string[] arguments = ["--endpoint-url", BaseUrl, "--region", AwsCli.Region, "--output", "json", .. args];
        var result = await ChildProcess.RunAsync("aws", arguments, environment, AwsCli.Timeout, workingDirectory: null, ct);
        return new AwsCliResult("aws " + string.Join(' ', arguments), result.ExitCode, result.Stdout, result.Stderr);
    }

    /// <summary>What moto printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Kills moto; a second call does nothing (a test may stop it early to see STS unreachable).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 64 * 1024)
            {
                _ = _output.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(_process.HasExited, $"moto_server exited with code {(_process.HasExited ? _process.ExitCode : 0)}:\n{Output}");
            try
            {
                using var answer = await http.GetAsync(new Uri(BaseUrl + "/moto-api/"), ct);
                if (answer.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // Slow first answer.
            }

            Assert.True(deadline.Elapsed < StartTimeout, $"moto_server did not answer within {StartTimeout.TotalSeconds:0} s:\n{Output}");
            await Task.Delay(100, ct);
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
