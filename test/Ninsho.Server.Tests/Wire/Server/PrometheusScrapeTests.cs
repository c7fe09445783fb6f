using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>
/// A real Prometheus server (Debian's <c>prometheus</c>, installed by scripts/setup.sh) scrapes <c>serve --metrics</c>
/// on loopback every second, and its HTTP API answers a query for Ninsho's request counter
/// (docs/operations.md#metrics-and-traces).
/// </summary>
public sealed class PrometheusScrapeTests
{
    private const string PrometheusBinary = "/usr/bin/prometheus";
    private static readonly TimeSpan QueryWait = TimeSpan.FromSeconds(15);

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_answer_a_prometheus_query_for_the_request_counter_after_a_real_scrape()
    {
        var ct = TestContext.Current.CancellationToken;
        var binary = File.Exists(PrometheusBinary) ? PrometheusBinary : null;
        if (binary is null)
        {
            const string Missing = "prometheus is missing: run scripts/setup.sh (it installs Debian's prometheus).";
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), Missing);
            Assert.Skip(Missing);
        }

        await using var server = await NinshoProcess.StartAsync(ct, "--metrics");
        using var raw = new RawCognito(server.BaseUrl);
        _ = await MetricsTests.PoolWithClientAsync(raw);

        var dir = Directory.CreateTempSubdirectory("ninsho-prometheus-").FullName;
        var port = MetricsTests.FreePort();
        var config = Path.Combine(dir, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: ninsho
                scrape_interval: 1s
                scrape_timeout: 1s
                static_configs:
                  - targets: ['127.0.0.1:{server.Port.ToString(CultureInfo.InvariantCulture)}']
            """, ct);
        var start = new ProcessStartInfo(binary!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dir,
        };
        foreach (var argument in new[]
        {
            "--config.file=" + config, "--storage.tsdb.path=" + Path.Combine(dir, "data"),
            "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture), "--log.level=warn",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var prometheus = new Process { StartInfo = start };
        prometheus.OutputDataReceived += (_, e) => Keep(log, e.Data);
        prometheus.ErrorDataReceived += (_, e) => Keep(log, e.Data);
        Assert.True(prometheus.Start());
        prometheus.BeginOutputReadLine();
        prometheus.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var query = Uri.EscapeDataString("""ninsho_request_duration_seconds_count{job="ninsho",operation="CreateUserPool",outcome="ok"}""");
            var url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/api/v1/query?query={query}");
            var waited = Stopwatch.StartNew();
            string? last = null;
            while (waited.Elapsed < QueryWait)
            {
                if (prometheus.HasExited)
                {
                    Assert.Fail($"prometheus exited ({prometheus.ExitCode}):\n{string.Join('\n', log)}");
                }

                try
                {
                    last = await http.GetStringAsync(url, ct);
                    var result = JsonDocument.Parse(last).RootElement.Prop("data").Prop("result");
                    if (result.GetArrayLength() == 1)
                    {
                        // [timestamp, "value"]
                        Assert.Equal("1", result[0].Prop("value")[1].GetString());
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(250, ct);
            }

            Assert.Fail($"prometheus had no ninsho_request_duration_seconds_count sample after {QueryWait.TotalSeconds} s; last answer {last}\n"
                + $"prometheus log:\n{string.Join('\n', log)}\nninsho:\n{server.RecentOutput}");
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
            await prometheus.WaitForExitAsync(CancellationToken.None);
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static void Keep(System.Collections.Concurrent.ConcurrentQueue<string> log, string? line)
    {
        if (line is not null && log.Count < 200)
        {
            log.Enqueue(line);
        }
    }
}
