using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>
/// <c>node test/js/oidc-idp.mjs</c>: a real OpenID provider (the npm package <c>oidc-provider</c>) on a free loopback
/// port, with a development login page that takes any login and password. Its endpoints sit on Google's paths, so it
/// also stands in for Google behind <c>--federation-endpoint Google=…</c>. Disposal kills the process.
/// </summary>
public sealed class OidcIdp : IAsyncDisposable
{
    public const string ClientId = "ninsho-rp";
    public const string ClientSecret = "ninsho-idp-secret-0123456789abcdef";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private OidcIdp(Process process) => _process = process;

    /// <summary>The provider's issuer, <c>http://127.0.0.1:PORT</c>.</summary>
    public string Issuer { get; private set; } = string.Empty;

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
    public static async Task<OidcIdp> StartAsync(CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(RepoPaths.JsDir, "node_modules", "oidc-provider", "package.json")))
        {
            const string missing = "oidc-provider is missing: run scripts/setup.sh (it runs 'npm ci' in test/js).";
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), missing);
            Assert.Skip(missing);
        }

        var startInfo = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.JsDir,
        };
        foreach (var argument in new[]
        {
            Path.Combine(RepoPaths.JsDir, "oidc-idp.mjs"), "--port", "0", "--client-id", ClientId, "--client-secret", ClientSecret,
            "--redirect-prefix", "http://127.0.0.1:",
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start node (scripts/setup.sh installs it)");
        var idp = new OidcIdp(process);
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            idp.Keep(e.Data);
            if (e.Data is { } line && line.StartsWith("{\"port\"", StringComparison.Ordinal))
            {
                _ = ready.TrySetResult(JsonDocument.Parse(line).RootElement.GetProperty("issuer").GetString()!);
            }
        };
        process.ErrorDataReceived += (_, e) => idp.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            idp.Issuer = await ready.Task.WaitAsync(StartTimeout, ct);
            return idp;
        }
        catch (TimeoutException e)
        {
            await idp.DisposeAsync();
            throw new InvalidOperationException($"oidc-idp.mjs did not print its port within {StartTimeout.TotalSeconds} s:\n{idp.Output}", e);
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
