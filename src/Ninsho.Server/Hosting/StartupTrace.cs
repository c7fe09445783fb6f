using System.Globalization;
using System.Runtime;

namespace Ninsho.Server.Hosting;

/// <summary>With <c>NINSHO_STARTUP_TRACE=1</c>, prints to stderr when each start-up phase ends: milliseconds since
/// the process was created (wall) and the process's CPU time and JIT work so far, so that bench/cold-start.py's figure can be
/// split into runtime start, command line, host build, storage, Kestrel and the first request. Off by default
/// (one environment read).</summary>
internal static class StartupTrace
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("NINSHO_STARTUP_TRACE") == "1";

    // Process creation on the TickCount64 clock (both count from boot); the kernel records it in clock ticks,
    // so the runtime-start phase is only good to about 10 ms.
    private static readonly long ProcessStartMs = Enabled ? ReadProcessStartMs() : 0;

    private static int _firstRequestSeen;

    /// <summary>Records the end of a phase.</summary>
    public static void Mark(string phase)
    {
        if (Enabled)
        {
            var wall = Environment.TickCount64 - ProcessStartMs;
            var cpu = Environment.CpuUsage.TotalTime.TotalMilliseconds;
            var jitMs = JitInfo.GetCompilationTime().TotalMilliseconds;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"startup: {phase,-24} wall {wall,5} ms  cpu {cpu,5:F0} ms  jit {JitInfo.GetCompiledMethodCount(),5} methods {jitMs,4:F0} ms  runnable {RunQueueWaitMs(),5} ms"));
        }
    }

    /// <summary>Records the end of the first answered AWS JSON request (only the first call prints).</summary>
    public static void FirstRequest()
    {
        if (Enabled && Interlocked.Exchange(ref _firstRequestSeen, 1) == 0)
        {
            Mark("first request answered");
        }
    }

    /// <summary>How long this process's threads have waited for a core so far (runnable, not running: the machine
    /// was busy), summed over its live threads, from /proc/self/task/*/schedstat; -1 where the kernel keeps no such
    /// figure. Wall time neither running (cpu) nor waiting for a core (this) was spent blocked: disk, sleeps, locks.</summary>
    private static long RunQueueWaitMs()
    {
        if (!Directory.Exists("/proc/self/task"))
        {
            return -1;
        }

        long waitedNs = 0;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                // "<ns on a core> <ns runnable, waiting for one> <time slices>"
                var fields = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ');
                if (fields.Length >= 2 && long.TryParse(fields[1], CultureInfo.InvariantCulture, out var ns))
                {
                    waitedNs += ns;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The thread ended meanwhile.
            }
        }

        return waitedNs / 1_000_000;
    }

    private static long ReadProcessStartMs()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[19], CultureInfo.InvariantCulture); // field 22 of stat: starttime
            return ticks * 1000 / 100; // USER_HZ is 100 on Linux
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return Environment.TickCount64;
        }
    }
}
