using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>
/// Runs <c>aws</c> calls through <c>test/py/aws_cli_zygote.py</c>: one Python process per test run imports the
/// AWS CLI once and forks a fresh copy of its warm driver for each call, which then runs the CLI's unchanged
/// entry point (<c>driver.main(argv)</c>, what the <c>aws</c> program runs). This saves Python's start-up and the
/// CLI's imports (~0.7 s of CPU) on each of the suite's many calls. <c>NINSHO_TEST_AWS_CLI=process</c> runs the
/// <c>aws</c> program instead; <c>AwsCliZygoteTests</c> checks that both answer alike.
/// </summary>
internal static class AwsCliZygote
{
    private static readonly Lazy<Task<Zygote>> Instance = new(StartAsync);

    public static bool Enabled { get; } =
        !string.Equals(System.Environment.GetEnvironmentVariable("NINSHO_TEST_AWS_CLI"), "process", StringComparison.Ordinal);

    /// <summary>One call, in <see cref="AwsCli.ProcessEnvironment"/> (the zygote starts with it).</summary>
    public static async Task<ChildProcessResult> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        var zygote = await Instance.Value.WaitAsync(ct);
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(zygote.SocketPath), timeoutCts.Token);
            var request = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, IReadOnlyList<string>> { ["args"] = arguments });
            _ = await socket.SendAsync(request.Append((byte)'\n').ToArray(), SocketFlags.None, timeoutCts.Token);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var line = await reader.ReadLineAsync(timeoutCts.Token);
            if (line is null)
            {
                throw new InvalidOperationException(
                    $"the AWS CLI zygote's call 'aws {string.Join(' ', arguments)}' ended without an answer (killed after its 60 s alarm?); zygote stderr:\n{zygote.Stderr}");
            }

            using var answer = JsonDocument.Parse(line);
            var root = answer.RootElement;
            return new ChildProcessResult(
                root.GetProperty("exitCode").GetInt32(), root.GetProperty("stdout").GetString()!, root.GetProperty("stderr").GetString()!);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"'aws {string.Join(' ', arguments)}' did not finish within {timeout.TotalSeconds:0} s.", e);
        }
    }

    private static async Task<Zygote> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("ninsho-aws-cli-");
        var socketPath = Path.Combine(directory.FullName, "zygote.sock");
        var startInfo = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        startInfo.ArgumentList.Add(Path.Combine(RepoPaths.Root, "test", "py", "aws_cli_zygote.py"));
        startInfo.ArgumentList.Add(socketPath);
        foreach (var (name, value) in AwsCli.ProcessEnvironment)
        {
            if (value is null)
            {
                _ = startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("python3 did not start");
        var zygote = new Zygote(process, socketPath);
        process.ErrorDataReceived += (_, e) => zygote.AppendStderr(e.Data);
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => zygote.Stop(directory);

        using var startCts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var ready = await process.StandardOutput.ReadLineAsync(startCts.Token);
        if (ready != "ready")
        {
            zygote.Stop(directory);
            throw new InvalidOperationException(
                $"the AWS CLI zygote did not start (python3 must import awscli; scripts/setup.sh installs it): {ready}\n{zygote.Stderr}");
        }

        return zygote;
    }

    private sealed class Zygote(Process process, string socketPath)
    {
        private readonly StringBuilder stderr = new();

        public string SocketPath { get; } = socketPath;

        public string Stderr
        {
            get
            {
                lock (stderr)
                {
                    return stderr.ToString();
                }
            }
        }

        public void AppendStderr(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (stderr)
            {
                _ = stderr.AppendLine(line);
            }
        }

        public void Stop(DirectoryInfo directory)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            try
            {
                directory.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A temp directory left behind is harmless.
            }
        }
    }
}
