using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ninsho.Server.Tests;

/// <summary>What <c>test/js/browser-login.mjs</c> reported: whether every step passed, the page's last URL, the
/// failed step and its error, every console message of the page (Chromium reports Content-Security-Policy
/// violations there), the texts read, and the screenshots saved.</summary>
public sealed record BrowserReport(
    bool Ok, string? FinalUrl, int? FailedStep, string? Error, IReadOnlyList<string> Console, IReadOnlyList<string?> Texts, IReadOnlyList<string> Screenshots)
{
    /// <summary>Everything the report holds, for a failure message.</summary>
    /// <summary>The browser's cookies at the last <see cref="HeadlessBrowser.Cookies"/> step.</summary>
    public IReadOnlyList<BrowserCookie> Cookies { get; init; } = [];

    public string Describe() =>
        $"step {FailedStep}: {Error}\nfinal URL: {FinalUrl}\nconsole:\n  {string.Join("\n  ", Console)}\nscreenshots: {string.Join(", ", Screenshots)}";
}

/// <summary>A cookie of the browser, as Playwright reports it (<c>Expires</c> in Unix seconds, -1 for a session
/// cookie; <c>SameSite</c> is <c>Strict</c>, <c>Lax</c> or <c>None</c>).</summary>
public sealed record BrowserCookie(string Name, string Value, string Domain, string Path, double Expires, bool HttpOnly, bool Secure, string SameSite);

/// <summary>
/// Headless Chromium for the hosted-UI tests: Debian's <c>chromium</c> (installed by scripts/setup.sh) driven by
/// playwright-core from test/js (<c>browser-login.mjs</c>), with nothing downloaded at run time. A test lists steps
/// (<see cref="Goto"/>, <see cref="Fill"/>, <see cref="Click"/>, <see cref="WaitForUrl"/>, <see cref="Screenshot"/>,
/// <see cref="Text"/>); screenshots land in <c>TestResults/browser/&lt;name&gt;/</c>. When Chromium or the npm
/// package is missing the test fails on CI (<c>CI=true</c>) and is skipped elsewhere.
/// </summary>
public static class HeadlessBrowser
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static JsonObject Goto(string url) => new() { ["goto"] = url };

    public static JsonObject Fill(string selector, string value) => new() { ["fill"] = selector, ["value"] = value };

    public static JsonObject Click(string selector) => new() { ["click"] = selector };

    /// <summary>Waits until the page's URL starts with <paramref name="prefix"/> and the page has loaded.</summary>
    public static JsonObject WaitForUrl(string prefix) => new() { ["waitForUrl"] = prefix };

    /// <summary>Saves <c>&lt;name&gt;.png</c> (the full page) in the run's artifacts folder.</summary>
    public static JsonObject Screenshot(string name) => new() { ["screenshot"] = name };

    /// <summary>Records the text of the first element matching <paramref name="selector"/>.</summary>
    public static JsonObject Text(string selector) => new() { ["text"] = selector };

    /// <summary>Records the value of the input matching <paramref name="selector"/> (in <see cref="BrowserReport.Texts"/>).</summary>
    public static JsonObject Value(string selector) => new() { ["value"] = selector };

    /// <summary>Records the page's URL, fragment included (in <see cref="BrowserReport.Texts"/>).</summary>
    public static JsonObject Url() => new() { ["url"] = true };

    /// <summary>Records the browser's cookies (<see cref="BrowserReport.Cookies"/>).</summary>
    public static JsonObject Cookies() => new() { ["cookies"] = true };

    /// <summary>Waits until the outbox at <paramref name="outboxUrl"/> (<c>/_ninsho/outbox?pool=…&amp;recipient=…</c>)
    /// lists <paramref name="minCount"/> messages and types the newest one's code into <paramref name="selector"/>.</summary>
    public static JsonObject FillOutboxCode(string selector, string outboxUrl, int minCount = 1) =>
        new() { ["fillOutboxCode"] = selector, ["url"] = outboxUrl, ["minCount"] = minCount };

    /// <summary>Types the TOTP code an authenticator app shows for the secret the page shows in
    /// <paramref name="secretFrom"/> (or for <paramref name="secret"/>), <paramref name="stepOffset"/> 30-s steps ahead.</summary>
    public static JsonObject FillTotp(string selector, string? secretFrom = null, string? secret = null, int stepOffset = 0) =>
        new() { ["fillTotp"] = selector, ["secretFrom"] = secretFrom, ["secret"] = secret, ["stepOffset"] = stepOffset };

    /// <summary>Records the value of the JavaScript <paramref name="expression"/> in the page, as a string (with the texts).</summary>
    public static JsonObject Eval(string expression) => new() { ["eval"] = expression };

    /// <summary>Gives the browser a WebAuthn authenticator through the DevTools protocol (<c>WebAuthn.addVirtualAuthenticator</c>):
    /// a platform authenticator (ctap2, internal) with resident keys whose user verification always succeeds. It lives
    /// as long as the run, so a passkey registered in one step signs in in a later one.</summary>
    public static JsonObject VirtualAuthenticator() => new() { ["virtualAuthenticator"] = true };

    /// <summary>Records how many credentials the <see cref="VirtualAuthenticator"/> holds (in <see cref="BrowserReport.Texts"/>).</summary>
    public static JsonObject AuthenticatorCredentials() => new() { ["authenticatorCredentials"] = true };

    /// <summary>The folder of a run's screenshots: <c>TestResults/browser/&lt;name&gt;</c> under the repository.</summary>
    public static string ArtifactsFor(string name) => Path.Combine(RepoPaths.Root, "TestResults", "browser", name);

    /// <summary>Runs the steps in a fresh browser; the report, whether or not every step passed.</summary>
    public static async Task<BrowserReport> RunAsync(string name, IEnumerable<JsonObject> steps, CancellationToken ct, int stepTimeoutMs = 15_000)
    {
        RequireTools();
        var options = new JsonObject
        {
            ["chromium"] = ChromiumPath,
            ["artifacts"] = ArtifactsFor(name),
            ["timeoutMs"] = stepTimeoutMs,
            ["steps"] = new JsonArray([.. steps]),
        };
        var result = await ChildProcess.RunAsync(
            "node", [Path.Combine(RepoPaths.JsDir, "browser-login.mjs"), options.ToJsonString()],
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["NODE_OPTIONS"] = null }, Timeout, RepoPaths.JsDir, ct);
        Assert.True(result.ExitCode is 0 or 1, $"browser-login.mjs could not run (exit {result.ExitCode}): {result.Stderr}\n{result.Stdout}");
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        return new BrowserReport(
            root.GetProperty("ok").GetBoolean(),
            root.GetProperty("finalUrl").GetString(),
            root.GetProperty("failedStep").ValueKind == JsonValueKind.Number ? root.GetProperty("failedStep").GetInt32() : null,
            root.GetProperty("error").GetString(),
            [.. root.GetProperty("console").EnumerateArray().Select(e => e.GetString() ?? "")],
            [.. root.GetProperty("texts").EnumerateArray().Select(e => e.GetString())],
            [.. root.GetProperty("screenshots").EnumerateArray().Select(e => e.GetString() ?? "")])
        {
            Cookies = root.TryGetProperty("cookies", out var cookies)
                ? [.. cookies.EnumerateArray().Select(c => new BrowserCookie(
                    c.GetProperty("name").GetString() ?? "", c.GetProperty("value").GetString() ?? "", c.GetProperty("domain").GetString() ?? "",
                    c.GetProperty("path").GetString() ?? "", c.GetProperty("expires").GetDouble(), c.GetProperty("httpOnly").GetBoolean(),
                    c.GetProperty("secure").GetBoolean(), c.GetProperty("sameSite").GetString() ?? ""))]
                : [],
        };
    }

    private static void RequireTools()
    {
        string? missing = null;
        if (!File.Exists(ChromiumPath))
        {
            missing = $"{ChromiumPath} is missing: run scripts/setup.sh (it installs Debian's chromium).";
        }
        else if (!File.Exists(Path.Combine(RepoPaths.JsDir, "node_modules", "playwright-core", "package.json")))
        {
            missing = "playwright-core is missing: run scripts/setup.sh (it runs 'npm ci' in test/js).";
        }

        if (missing is null)
        {
            return;
        }

        Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), missing);
        Assert.Skip(missing);
    }
}
