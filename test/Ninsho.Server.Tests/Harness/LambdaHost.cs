using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>
/// <c>node test/js/lambda-host.mjs</c>: a Lambda Invoke API on a free loopback port that runs the handler modules of
/// <c>test/js/triggers</c> as Lambda runs Node functions (function NAME → <c>NAME.mjs</c>, export <c>handler</c>).
/// Point Ninsho's <c>--lambda-endpoint</c> at <see cref="BaseUrl"/>. Disposal kills the process.
/// </summary>
public sealed class LambdaHost : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LambdaHost(Process process) => _process = process;

    /// <summary><c>http://127.0.0.1:PORT</c>, no trailing slash.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The ARN of a test function in <c>test/js/triggers</c> (the account and region do not matter to the host).</summary>
    public static string Arn(string functionName) => $"arn:aws:lambda:{AwsCli.Region}:123456789012:function:{functionName}";

    /// <summary>Starts the host and waits for its <c>{"port": N}</c> line. <paramref name="port"/> 0 picks a free
    /// one; <paramref name="environment"/> is added to the handlers' environment (their <c>process.env</c>).</summary>
    public static async Task<LambdaHost> StartAsync(CancellationToken ct, int port = 0, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.JsDir,
        };
        foreach (var argument in new[]
        {
            Path.Combine(RepoPaths.JsDir, "lambda-host.mjs"), "--dir", Path.Combine(RepoPaths.JsDir, "triggers"),
            "--port", port.ToString(CultureInfo.InvariantCulture),
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start node (scripts/setup.sh installs it)");
        var host = new LambdaHost(process);
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            host.Keep(e.Data);
            if (e.Data is { } line && line.StartsWith("{\"port\"", StringComparison.Ordinal))
            {
                _ = listening.TrySetResult(JsonDocument.Parse(line).RootElement.GetProperty("port").GetInt32());
            }
        };
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var p = await listening.Task.WaitAsync(StartTimeout, ct);
            host.BaseUrl = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{p}");
            return host;
        }
        catch (TimeoutException e)
        {
            await host.DisposeAsync();
            throw new InvalidOperationException($"lambda-host.mjs did not print its port within {StartTimeout.TotalSeconds} s:\n{host.Output}", e);
        }
    }

    /// <summary>What the host and the handlers printed, for failure messages.</summary>
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

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
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
            _ = _output.AppendLine(line);
        }
    }
}
