using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ninsho.Server.Tests;

/// <summary>
/// A real Ninsho server in its own process, as a user would run it:
/// <c>dotnet Ninsho.Server.dll serve --port P --data-dir D --password-hash-iterations 1000</c> (unless the extra
/// arguments set the iterations), or the executable NINSHO_TEST_SERVER_EXE names (<see cref="RepoPaths.ServerExe"/>).
/// Start waits for the <c>Ninsho listening on http://127.0.0.1:P</c> line on stdout (30 s at most, then it fails with
/// everything the process printed). <see cref="Kill"/> is a SIGKILL; <see cref="RestartAsync"/> starts a new process
/// on the same port and data directory. Disposal kills the process and deletes the temporary directory.
/// </summary>
public sealed class NinshoProcess : IAsyncDisposable
{
    public const string ListeningPrefix = "Ninsho listening on ";
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private const int MaxOutputLines = 400;

    private readonly string _tempDir;
    private readonly Queue<string> _output = new();
    private readonly Lock _outputLock = new();
    private Process? _process;

    private NinshoProcess(string tempDir, int port)
    {
        _tempDir = tempDir;
        DataDir = Path.Combine(tempDir, "data");
        Port = port;
        BaseUrl = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
    }

    /// <summary>The URL the server listens on, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string BaseUrl { get; private set; }

    public int Port { get; }

    public string DataDir { get; }

    /// <summary>Options added after the standard ones at the next start or restart, e.g.
    /// <c>--insecure-fast-password-hash</c>.</summary>
    public IReadOnlyList<string> ExtraArguments { get; set; } = [];

    /// <summary>The server process id, while it runs.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>The last lines the server printed on stdout and stderr, for failure messages.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_outputLock)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>
    /// Starts a server on a free port with a fresh, empty data directory. <paramref name="extraArguments"/> are
    /// appended to the <c>serve</c> command line (e.g. <c>--public-url https://auth.example.test</c>) and kept
    /// across restarts.
    /// </summary>
    public static Task<NinshoProcess> StartAsync(CancellationToken ct, params string[] extraArguments) => StartAsync((IReadOnlyList<string>)extraArguments, ct);

    /// <summary>Starts a server on a free port with a fresh data directory and <paramref name="extraArguments"/>.</summary>
    public static async Task<NinshoProcess> StartAsync(IReadOnlyList<string> extraArguments, CancellationToken ct)
    {
        var tempDir = Directory.CreateTempSubdirectory("ninsho-test-").FullName;
        var server = new NinshoProcess(tempDir, FreeTcpPort()) { ExtraArguments = extraArguments };
        try
        {
            _ = Directory.CreateDirectory(server.DataDir);
            await server.StartProcessAsync(ct);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the server at once (SIGKILL, like <c>kill -9</c>): no shutdown hooks, no flushing.</summary>
    public void Kill()
    {
        var process = _process;
        if (process is null)
        {
            return;
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }

        if (!process.WaitForExit(TimeSpan.FromSeconds(15)))
        {
            throw new InvalidOperationException($"Ninsho process {process.Id} did not exit after SIGKILL");
        }
    }

    /// <summary>Sends SIGTERM (a clean stop) and waits at most <paramref name="timeout"/> for the process to exit;
    /// returns its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout, CancellationToken ct)
    {
        var process = _process ?? throw new InvalidOperationException("The server is not running");
        ProcessSignals.Terminate(process.Id);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(bounded.Token);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new InvalidOperationException($"Ninsho did not exit within {timeout.TotalSeconds:0} s of SIGTERM.\nOutput:\n{RecentOutput}", e);
        }

        return process.ExitCode;
    }

    /// <summary>Kills the server if it runs, then starts a new one on the same port and data directory.</summary>
    public async Task RestartAsync(CancellationToken ct)
    {
        Kill();
        _process?.Dispose();
        _process = null;
        AppendOutput("---- restart ----");
        await StartProcessAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Best effort: the temporary directory still goes.
        }

        _process?.Dispose();
        _process = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                if (Directory.Exists(_tempDir))
                {
                    Directory.Delete(_tempDir, recursive: true);
                }

                break;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Task.Delay(200);
            }
        }
    }

    private async Task StartProcessAsync(CancellationToken ct)
    {
        var program = RepoPaths.ServerExe ?? RepoPaths.ServerDll;
        if (!File.Exists(program))
        {
            throw new InvalidOperationException(RepoPaths.ServerExe is null
                ? $"{program} is missing: the test project must reference src/Ninsho.Server so the build copies it."
                : $"{program} (NINSHO_TEST_SERVER_EXE) is missing.");
        }

        var startInfo = new ProcessStartInfo(RepoPaths.ServerProgram)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = _tempDir,
        };
        var arguments = RepoPaths.ServerArguments(
        [
            "serve",
            "--port", Port.ToString(CultureInfo.InvariantCulture),
            "--data-dir", DataDir,
            .. ExtraArguments.Contains("--password-hash-iterations") ? [] : (string[])["--password-hash-iterations", "1000"],
            .. ExtraArguments,
        ]);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // The command line must decide, not whatever the developer's shell exports.
        foreach (var name in new[]
        {
            "NINSHO_PORT", "NINSHO_DATA_DIR", "NINSHO_PUBLIC_URL", "NINSHO_PASSWORD_HASH_ITERATIONS", "NINSHO_HOST",
            "NINSHO_INSECURE_FAST_PASSWORD_HASH", "NINSHO_POSTGRES", "NINSHO_QUOTAS", "NINSHO_SHUTDOWN_TIMEOUT", "NINSHO_TLS_CERT", "NINSHO_TLS_KEY", "NINSHO_LAMBDA_ENDPOINT", "NINSHO_TRIGGER_WEBHOOKS", "NINSHO_FEDERATION_ENDPOINTS", "NINSHO_SEED", "NINSHO_LOG_FORMAT", "NINSHO_METRICS", "NINSHO_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT", "NINSHO_LOG_DESTINATIONS",
            "NINSHO_SMTP_HOST", "NINSHO_SMTP_PORT", "NINSHO_SMTP_TLS", "NINSHO_SMTP_USER", "NINSHO_SMTP_PASSWORD", "NINSHO_SMTP_FROM",
            "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS",
        })
        {
            _ = startInfo.Environment.Remove(name);
        }

        startInfo.Environment["DOTNET_NOLOGO"] = "1";

        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            AppendOutput(e.Data);
            if (ListeningUrl(e.Data) is { } listeningUrl)
            {
                _ = listening.TrySetResult(listeningUrl);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                AppendOutput("[stderr] " + e.Data);
            }
        };
        process.Exited += (_, _) => listening.TrySetException(
            new InvalidOperationException("Ninsho exited before it was listening"));

        _ = process.Start();
        _process = process;
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        string url;
        try
        {
            url = await listening.Task.WaitAsync(StartTimeout, ct);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            var exited = process.HasExited ? $"exited with code {process.ExitCode}" : "still running, killed";
            Kill();

            // Let the output readers drain what the process printed last.
            await Task.Delay(200, CancellationToken.None);
            var reason = e is TimeoutException
                ? $"did not print '{ListeningPrefix}…' within {StartTimeout.TotalSeconds:0} s"
                : "exited before printing it was listening";
            throw new InvalidOperationException(
                $"Ninsho server {reason} ({exited}).\n"
                + $"Command: {startInfo.FileName} {string.Join(' ', startInfo.ArgumentList)}\n"
                + $"Output:\n{RecentOutput}",
                e);
        }

        var expected = ExtraArguments.Contains("--tls-cert") ? BaseUrl.Replace("http://", "https://", StringComparison.Ordinal) : BaseUrl;
        BaseUrl = url.TrimEnd('/');
        if (!string.Equals(BaseUrl, expected, StringComparison.Ordinal))
        {
            Kill();
            throw new InvalidOperationException($"Ninsho said it listens on '{BaseUrl}', expected '{expected}'.\nOutput:\n{RecentOutput}");
        }
    }

    /// <summary>The URL of a <c>Ninsho listening on URL</c> line, printed as text or, with <c>--log-format json</c>,
    /// as a JSON log line whose <c>Message</c> says it.</summary>
    private static string? ListeningUrl(string line)
    {
        if (line.StartsWith('{'))
        {
            try
            {
                using var json = System.Text.Json.JsonDocument.Parse(line);
                line = json.RootElement.TryGetProperty("Message", out var message) ? message.GetString() ?? string.Empty : string.Empty;
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }

        return line.StartsWith(ListeningPrefix, StringComparison.Ordinal) ? line[ListeningPrefix.Length..].Trim() : null;
    }

    private void AppendOutput(string line)
    {
        lock (_outputLock)
        {
            _output.Enqueue(line);
            while (_output.Count > MaxOutputLines)
            {
                _ = _output.Dequeue();
            }
        }
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
