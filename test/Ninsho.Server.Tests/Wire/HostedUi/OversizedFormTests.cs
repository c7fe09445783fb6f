using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ninsho.Server.Tests;

/// <summary>The form endpoints (<c>/login</c>, <c>/oauth2/token</c>, <c>/oauth2/revoke</c>, and their
/// <c>/domain/{prefix}/</c> forms) take bodies up to the JSON API's limit (1 MiB): a larger one is answered 413 as soon
/// as it is announced or read past the limit, without waiting for the rest. Raw sockets, so the client can announce
/// a body and then stall.</summary>
[Collection(DirectoryServer.Name)]
public sealed class OversizedFormTests(NinshoServerFixture fixture)
{
    private const int Limit = 1024 * 1024;
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(5);

    public static TheoryData<string> Paths => new()
    {
        "/oauth2/token",
        "/oauth2/revoke",
        "/login?response_type=code&client_id=x&redirect_uri=myapp%3A%2F%2Fcallback",
        "/domain/some-prefix/oauth2/token",
        "/domain/some-prefix/login?client_id=x",
    };

    [Theory(Timeout = TestTimeoutMs)]
    [MemberData(nameof(Paths))]
    public async Task Does_refuse_an_announced_oversized_form_before_it_is_sent(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        var (status, elapsed) = await PostStalledAsync(path, $"Content-Length: {8 * Limit}\r\n", Encoding.ASCII.GetBytes("token=" + new string('a', 1000)), ct);
        Assert.Equal(413, status);
        Assert.True(elapsed < Quickly, $"answered after {elapsed}");
    }

    [Theory(Timeout = TestTimeoutMs)]
    [MemberData(nameof(Paths))]
    public async Task Does_refuse_a_chunked_form_once_it_passes_the_limit(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        var chunk = new string('a', 64 * 1024);
        var body = new StringBuilder("token=");
        for (var sent = 0; sent <= Limit; sent += chunk.Length)
        {
            _ = body.Append(chunk);
        }

        // One chunk of everything, and never the last chunk: the server must stop reading at the limit.
        var payload = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{body.Length:x}\r\n{body}\r\n"));
        var (status, elapsed) = await PostStalledAsync(path, "Transfer-Encoding: chunked\r\n", payload, ct);
        Assert.Equal(413, status);
        Assert.True(elapsed < Quickly, $"answered after {elapsed}");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_answer_a_form_of_too_many_fields_with_invalid_request()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient();
        var form = string.Join('&', Enumerable.Range(0, 3000).Select(i => $"f{i}=1"));
        using var response = await http.PostAsync(fixture.BaseUrl + "/oauth2/token", new StringContent(form, Encoding.ASCII, "application/x-www-form-urlencoded"), ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("{\"error\":\"invalid_request\"}", await response.Content.ReadAsStringAsync(ct));
    }

    /// <summary>Sends the request head and <paramref name="body"/>, then nothing more; the status of the answer and
    /// how long it took from the head's sending.</summary>
    private async Task<(int Status, TimeSpan Elapsed)> PostStalledAsync(string path, string framing, byte[] body, CancellationToken ct)
    {
        var uri = new Uri(fixture.BaseUrl);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port, ct);
        var stream = tcp.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Type: application/x-www-form-urlencoded\r\n{framing}\r\n";
        var clock = Stopwatch.StartNew();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct);
        try
        {
            await stream.WriteAsync(body, ct);
        }
        catch (IOException)
        {
            // The server may answer and close while the body is still being written.
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        var received = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            while (!received.ToString().Contains("\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    break;
                }

                _ = received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Assert.Fail($"no answer to {path} within 15 s: the server waits for the whole body");
        }

        var statusLine = received.ToString().Split("\r\n")[0];
        Assert.StartsWith("HTTP/1.1 ", statusLine, StringComparison.Ordinal);
        return (int.Parse(statusLine.AsSpan(9, 3), CultureInfo.InvariantCulture), clock.Elapsed);
    }
}
