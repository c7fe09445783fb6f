using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using MimeKit;

namespace Ninsho.Server.Tests;

/// <summary>An email the SMTP sink accepted: the envelope and the parsed message.</summary>
public sealed record ReceivedEmail(string MailFrom, IReadOnlyList<string> RcptTos, MimeMessage Message)
{
    public string Subject => Message.Subject ?? string.Empty;

    public string Body => Message.TextBody ?? Message.HtmlBody ?? string.Empty;
}

/// <summary>
/// A real SMTP server on loopback: <c>/usr/bin/python3 test/smtp/smtp_sink.py</c> on Debian's python3-aiosmtpd
/// (installed by scripts/setup.sh). It writes each accepted message to a folder, which this class reads back.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private const string DebianPython = "/usr/bin/python3";
    private readonly Process _process;
    private readonly string _mailDir;

    private SmtpSink(Process process, string mailDir, int port)
    {
        _process = process;
        _mailDir = mailDir;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Starts the sink on a free port; with <paramref name="credentials"/> (<c>user:password</c>) it requires AUTH;
    /// with <paramref name="delay"/> it waits that long before accepting each message.</summary>
    public static async Task<SmtpSink> StartAsync(string? credentials, CancellationToken ct, TimeSpan? delay = null)
    {
        Assert.True(
            File.Exists("/usr/lib/python3/dist-packages/aiosmtpd/__init__.py"),
            "Debian's python3-aiosmtpd is missing: run scripts/setup.sh (it apt-installs it).");
        var mailDir = Directory.CreateTempSubdirectory("ninsho-smtp-").FullName;
        var port = FreePort();
        var startInfo = new ProcessStartInfo(DebianPython)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        if (delay is { } wait)
        {
            startInfo.Environment["SMTP_SINK_DELAY"] = wait.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var argument in new[] { Path.Combine(RepoPaths.Root, "test", "smtp", "smtp_sink.py"), port.ToString(CultureInfo.InvariantCulture), mailDir })
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (credentials is not null)
        {
            startInfo.ArgumentList.Add(credentials);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start the SMTP sink");
        var sink = new SmtpSink(process, mailDir, port);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith("smtp-sink ready", StringComparison.Ordinal))
        {
            var stderr = await process.StandardError.ReadToEndAsync(ct);
            await sink.DisposeAsync();
            throw new InvalidOperationException($"the SMTP sink did not start: {line}\n{stderr}");
        }

        return sink;
    }

    /// <summary>Every email received so far, oldest first.</summary>
    public IReadOnlyList<ReceivedEmail> Received() =>
        [.. Directory.GetFiles(_mailDir, "*.json")
            .OrderBy(f => int.Parse(Path.GetFileNameWithoutExtension(f), CultureInfo.InvariantCulture))
            .Select(Read)];

    /// <summary>Waits (up to 20 s: delivery is asynchronous) until <paramref name="count"/> emails went to
    /// <paramref name="recipient"/>, and returns the last.</summary>
    public async Task<ReceivedEmail> WaitForAsync(string recipient, int count, CancellationToken ct)
    {
        for (var waited = TimeSpan.Zero; ; waited += TimeSpan.FromMilliseconds(100))
        {
            var mine = Received().Where(m => m.RcptTos.Contains(recipient, StringComparer.Ordinal)).ToList();
            if (mine.Count >= count)
            {
                return mine[count - 1];
            }

            Assert.True(waited < TimeSpan.FromSeconds(20), $"email #{count} to {recipient} did not arrive; received: {mine.Count}");
            await Task.Delay(100, ct);
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
            // Already gone.
        }

        _process.Dispose();
        Directory.Delete(_mailDir, recursive: true);
    }

    private static ReceivedEmail Read(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var root = json.RootElement;
        using var data = new MemoryStream(Encoding.UTF8.GetBytes(root.GetProperty("data").GetString()!));
        return new ReceivedEmail(
            root.GetProperty("mail_from").GetString()!,
            [.. root.GetProperty("rcpt_tos").EnumerateArray().Select(r => r.GetString()!)],
            MimeMessage.Load(data));
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
