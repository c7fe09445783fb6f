using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace Ninsho.Server.Tests;

/// <summary>
/// <c>serve --otlp-endpoint URL</c> (docs/operations.md#metrics-and-traces): spans reach an OTLP/HTTP receiver as
/// <c>POST /v1/traces</c> with a protobuf body naming the Cognito operation. The receiver is a loopback listener that
/// keeps the bodies; the batch exporter sends every 5 s.
/// </summary>
public sealed class OtlpExportTests
{
    private static readonly TimeSpan ExportWait = TimeSpan.FromSeconds(15);

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_send_the_request_span_named_after_the_operation_to_the_otlp_endpoint()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = MetricsTests.FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        listener.Start();
        var traces = new System.Collections.Concurrent.ConcurrentQueue<byte[]>();
        var paths = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var receiving = ReceiveAsync(listener, traces, paths);

        await using var server = await NinshoProcess.StartAsync(ct, "--otlp-endpoint", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        using var raw = new RawCognito(server.BaseUrl);
        var (poolId, _) = await MetricsTests.PoolWithClientAsync(raw);
        var created = await raw.IdpAsync("AdminCreateUser", $$"""{"UserPoolId":"{{poolId}}","Username":"dave","MessageAction":"SUPPRESS"}""", ct);
        Assert.True(created.Status == HttpStatusCode.OK, created.Describe());

        var operation = Encoding.UTF8.GetBytes("AdminCreateUser");
        var storage = Encoding.UTF8.GetBytes("storage Users.CreateAsync");
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < ExportWait)
        {
            var bodies = traces.ToArray();
            if (bodies.Any(b => b.AsSpan().IndexOf(operation) >= 0) && bodies.Any(b => b.AsSpan().IndexOf(storage) >= 0))
            {
                listener.Stop();
                await receiving;
                return;
            }

            await Task.Delay(100, ct);
        }

        Assert.Fail($"no POST /v1/traces naming AdminCreateUser and its storage span after {ExportWait.TotalSeconds} s; "
            + $"{traces.Count} trace bodies; requests: {string.Join(", ", paths)}\n{server.RecentOutput}");
    }

    /// <summary>Answers every OTLP POST with 200 and an empty protobuf message (a valid empty export response).</summary>
    private static async Task ReceiveAsync(HttpListener listener, System.Collections.Concurrent.ConcurrentQueue<byte[]> traces, System.Collections.Concurrent.ConcurrentQueue<string> paths)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var path = context.Request.Url?.AbsolutePath ?? "";
            paths.Enqueue($"{context.Request.HttpMethod} {path} ({context.Request.ContentType}, {body.Length} bytes)");
            if (context.Request.HttpMethod == "POST" && path == "/v1/traces")
            {
                traces.Enqueue(body.ToArray());
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
