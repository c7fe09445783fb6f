using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>
/// <c>node test/js/social-standin.mjs</c>: a stand-in for Facebook Login, Login with Amazon and Sign in with Apple
/// on their documented paths, on a free loopback port, for <c>--federation-endpoint Facebook=…</c>,
/// <c>LoginWithAmazon=…</c> and <c>SignInWithApple=…</c>. Apple's token endpoint accepts only client secrets
/// signed by <see cref="ApplePrivateKeyPem"/> (an EC P-256 key made here). Disposal kills the process.
/// </summary>
public sealed class SocialStandIn : IAsyncDisposable
{
    public const string ClientId = "social-client";
    public const string ClientSecret = "social-secret";
    public const string AppleTeamId = "TEAM123456";
    public const string AppleKeyId = "KEY1234567";
    private static readonly (string Private, string PublicSpki) AppleKey = MakeAppleKey();
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SocialStandIn(Process process) => _process = process;

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The PKCS#8 PEM of the key Apple's stand-in trusts for client secrets (an Apple <c>.p8</c> key).</summary>
    public static string ApplePrivateKeyPem => AppleKey.Private;

    /// <summary>What the provider printed, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the provider and waits for its <c>{"port": N, "issuer": …}</c> line.</summary>
    public static async Task<SocialStandIn> StartAsync(CancellationToken ct)
    {
        var startInfo = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.JsDir,
        };
        foreach (var argument in new[]
        {
            Path.Combine(RepoPaths.JsDir, "social-standin.mjs"), "--port", "0", "--client-id", ClientId, "--client-secret", ClientSecret,
            "--apple-team-id", AppleTeamId, "--apple-key-id", AppleKeyId, "--apple-public-key", AppleKey.PublicSpki,
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start node (scripts/setup.sh installs it)");
        var idp = new SocialStandIn(process);
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            idp.Keep(e.Data);
            if (e.Data is { } line && line.StartsWith("{\"port\"", StringComparison.Ordinal))
            {
                _ = ready.TrySetResult("http://127.0.0.1:" + JsonDocument.Parse(line).RootElement.GetProperty("port").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        };
        process.ErrorDataReceived += (_, e) => idp.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            idp.BaseUrl = await ready.Task.WaitAsync(StartTimeout, ct);
            return idp;
        }
        catch (TimeoutException e)
        {
            await idp.DisposeAsync();
            throw new InvalidOperationException($"social-standin.mjs did not print its port within {StartTimeout.TotalSeconds} s:\n{idp.Output}", e);
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
            // It had already exited.
        }

        _process.Dispose();
    }

    private static (string, string) MakeAppleKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (key.ExportPkcs8PrivateKeyPem(), Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()));
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _ = _output.AppendLine(line);
        }
    }
}
