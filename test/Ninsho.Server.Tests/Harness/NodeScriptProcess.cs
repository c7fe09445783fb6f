using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>
/// A helper server of the tests written in Node (<c>test/js/*.mjs</c>: the Lambda host, the OpenID provider, the
/// social stand-ins): started with <c>node</c> in <c>test/js</c>, ready once it prints its <c>{"port": N, …}</c> line
/// on stdout, its output kept for failure messages. Disposal kills it with its children.
/// </summary>
public sealed class NodeScriptProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NodeScriptProcess(Process process) => _process = process;

    /// <summary><c>http://127.0.0.1:PORT</c> from the ready line, no trailing slash.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>What the script printed, for failure messages.</summary>
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

    /// <summary>Runs <c>node test/js/<paramref name="script"/> <paramref name="arguments"/></c> with
    /// <paramref name="environment"/> added, and waits for its ready line.</summary>
    public static async Task<NodeScriptProcess> StartAsync(
        string script, IEnumerable<string> arguments, CancellationToken ct, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.JsDir,
        };
        startInfo.ArgumentList.Add(Path.Combine(RepoPaths.JsDir, script));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start node (scripts/setup.sh installs it)");
        var node = new NodeScriptProcess(process);
        var ready = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            node.Keep(e.Data);
            if (e.Data is { } line && line.StartsWith("{\"port\"", StringComparison.Ordinal))
            {
                _ = ready.TrySetResult(JsonDocument.Parse(line).RootElement.GetProperty("port").GetInt32());
            }
        };
        process.ErrorDataReceived += (_, e) => node.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var port = await ready.Task.WaitAsync(StartTimeout, ct);
            node.BaseUrl = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
            return node;
        }
        catch (TimeoutException e)
        {
            await node.DisposeAsync();
            throw new InvalidOperationException($"{script} did not print its port within {StartTimeout.TotalSeconds} s:\n{node.Output}", e);
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
