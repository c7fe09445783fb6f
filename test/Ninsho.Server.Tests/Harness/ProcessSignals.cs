using System.Diagnostics;
using System.Globalization;

namespace Ninsho.Server.Tests;

/// <summary>Sends a POSIX signal to a process with <c>kill</c> (.NET has no managed way to send one).</summary>
public static class ProcessSignals
{
    public static void Terminate(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("kill did not start");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {pid} exited {kill.ExitCode}");
        }
    }
}
