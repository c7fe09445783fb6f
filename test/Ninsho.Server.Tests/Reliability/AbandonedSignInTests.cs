using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ninsho.Server.Tests.Reliability;

/// <summary>Sign-ins wait for a free core before their password hash. A caller that gives up while waiting
/// (closes its connection) must not have its hash computed anyway: a burst of abandoned sign-ins would otherwise
/// keep the CPU busy for nobody while live callers queue behind it. Judged by the server's own CPU time, measured
/// against the cost of one sign-in on the same server; no wall-clock limits.</summary>
public sealed class AbandonedSignInTests
{
    private const string Password = "Leave-pw-1!";

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Sign_ins_whose_callers_closed_the_connection_are_not_hashed()
    {
        var ct = TestContext.Current.CancellationToken;
        // A costly hash (about 0.3–1 s here) so that the hashes dominate the server's CPU time.
        await using var server = await NinshoProcess.StartAsync(["--password-hash-iterations", "1500000"], ct);
        using var process = Process.GetProcessById(server.ProcessId!.Value);
        using var raw = new RawCognito(server.BaseUrl);
        var (poolId, clientId) = await WireUsers.CreatePoolAndClientAsync(raw, ct);
        await WireUsers.CreateUserAsync(raw, poolId, "leaver", Password, ct);

        var before = Cpu(process);
        Assert.Equal(HttpStatusCode.OK, (await WireUsers.SignInAsync(raw, clientId, "leaver", Password, ct)).Status);
        var oneSignIn = Cpu(process) - before;

        // Many sign-ins at once, more than the cores that hash them; every caller leaves before its answer.
        var abandoned = Math.Max(16, 4 * Environment.ProcessorCount);
        var start = Cpu(process);
        var sockets = new List<Socket>();
        try
        {
            var request = Encoding.UTF8.GetBytes(SignInRequest(server.Port, clientId));
            for (var i = 0; i < abandoned; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(socket);
                await socket.ConnectAsync(IPAddress.Loopback, server.Port, ct);
                _ = await socket.SendAsync(request, SocketFlags.None, ct);
            }

            await Task.Delay(200, ct);
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }

        var spent = await CpuUntilIdleAsync(process, start, oneSignIn, ct);

        // The cores busy when the callers left finish their hashes; the queued sign-ins are dropped. Hashing them
        // all would cost about `abandoned` sign-ins.
        var allowed = (Environment.ProcessorCount + 3) * oneSignIn;
        Assert.True(
            spent < allowed,
            string.Create(CultureInfo.InvariantCulture, $"{abandoned} abandoned sign-ins cost {spent.TotalMilliseconds:F0} ms of server CPU; one sign-in costs {oneSignIn.TotalMilliseconds:F0} ms, at most {allowed.TotalMilliseconds:F0} ms allowed"));

        // The server still answers callers who wait.
        Assert.Equal(HttpStatusCode.OK, (await WireUsers.SignInAsync(raw, clientId, "leaver", Password, ct)).Status);
    }

    private static string SignInRequest(int port, string clientId)
    {
        var body = WireUsers.Json(new
        {
            AuthFlow = "USER_PASSWORD_AUTH",
            ClientId = clientId,
            AuthParameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["USERNAME"] = "leaver", ["PASSWORD"] = Password },
        });
        return string.Create(
            CultureInfo.InvariantCulture,
            $"POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: {RawCognito.AmzJson}\r\nX-Amz-Target: {RawCognito.IdpPrefix}InitiateAuth\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}");
    }

    private static TimeSpan Cpu(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    /// <summary>The server's CPU time since <paramref name="start"/>, read once it has stopped working: two
    /// consecutive half-seconds in which it used less than a tenth of one sign-in.</summary>
    private static async Task<TimeSpan> CpuUntilIdleAsync(Process process, TimeSpan start, TimeSpan oneSignIn, CancellationToken ct)
    {
        var last = Cpu(process);
        var quiet = 0;
        while (quiet < 2)
        {
            await Task.Delay(500, ct);
            var now = Cpu(process);
            quiet = now - last < oneSignIn / 10 ? quiet + 1 : 0;
            last = now;
        }

        return last - start;
    }
}
