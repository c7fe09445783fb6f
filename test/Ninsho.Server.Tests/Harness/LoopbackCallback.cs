using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Ninsho.Server.Tests;

/// <summary>
/// An app's OAuth callback for browser tests: an HTTP listener on <c>http://127.0.0.1:&lt;free port&gt;/callback</c>
/// that records the query of every request and answers a small "Signed in" page.
/// </summary>
public sealed class LoopbackCallback : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Channel<IReadOnlyDictionary<string, string>> _received = Channel.CreateUnbounded<IReadOnlyDictionary<string, string>>();
    private readonly Task _loop;

    public LoopbackCallback()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        Origin = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        _listener.Prefixes.Add(Origin + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public string Origin { get; }

    /// <summary>The callback URL to register with the app client.</summary>
    public string Url => Origin + "/callback";

    /// <summary>The query of the next request the callback receives.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NextAsync(CancellationToken ct) => await _received.Reader.ReadAsync(ct);

    /// <summary>The query of a request already received, if any.</summary>
    public bool TryTake(out IReadOnlyDictionary<string, string>? query) => _received.Reader.TryRead(out query);

    public void Dispose()
    {
        _listener.Close();
        _ = _loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            if (context.Request.Url?.AbsolutePath != "/callback")
            {
                // The browser also asks for /favicon.ico.
                context.Response.StatusCode = 404;
                context.Response.Close();
                continue;
            }

            var query = context.Request.QueryString;
            _ = _received.Writer.TryWrite(query.AllKeys.OfType<string>().ToDictionary(k => k, k => query[k] ?? "", StringComparer.Ordinal));
            var page = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><head><title>Signed in</title></head><body><h1>Signed in</h1><p id=\"query\">" +
                WebUtility.HtmlEncode(context.Request.Url?.Query ?? "") + "</p></body></html>");
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength64 = page.Length;
            await context.Response.OutputStream.WriteAsync(page);
            context.Response.Close();
        }
    }
}
