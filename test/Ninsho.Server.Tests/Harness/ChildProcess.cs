using System.Diagnostics;
using System.Text;

namespace Ninsho.Server.Tests;

/// <summary>What a finished child process left behind.</summary>
public sealed record ChildProcessResult(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// Runs a short-lived child process (the aws CLI, node) with an argument list, a controlled environment and a
/// hard timeout. A process still running at the timeout is killed with its children and the call throws, so a
/// test fails instead of hanging.
/// </summary>
public static class ChildProcess
{
    public static async Task<ChildProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?> environment,
        TimeSpan timeout,
        string? workingDirectory,
        CancellationToken ct)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (workingDirectory is not null)
        {
            startInfo.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
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

        using var process = new Process { StartInfo = startInfo };
        try
        {
            _ = process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start '{fileName}': {e.Message}. Is it installed and on PATH? (scripts/setup.sh)", e);
        }

        // No input: a child that prompts sees end-of-file at once.
        process.StandardInput.Close();
        var stdoutTask = process.StandardOutput.ReadToEndAsync(ct);
        var stderrTask = process.StandardError.ReadToEndAsync(ct);

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutCts.Token);
        }
        catch (OperationCanceledException e)
        {
            KillQuietly(process);
            var partialOut = await ReadOrEmptyAsync(stdoutTask);
            var partialErr = await ReadOrEmptyAsync(stderrTask);
            ct.ThrowIfCancellationRequested();
            throw new TimeoutException(
                $"'{fileName} {string.Join(' ', startInfo.ArgumentList)}' did not finish within {timeout.TotalSeconds:0} s and was killed.\n"
                + $"stdout:\n{partialOut}\nstderr:\n{partialErr}",
                e);
        }

        var stdout = await stdoutTask;
        var stderr = await stderrTask;
        return new ChildProcessResult(process.ExitCode, stdout, stderr);
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static async Task<string> ReadOrEmptyAsync(Task<string> read)
    {
        try
        {
            return await read.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException or IOException)
        {
            return "";
        }
    }
}
