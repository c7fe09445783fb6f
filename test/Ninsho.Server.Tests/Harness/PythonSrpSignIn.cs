using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>
/// Runs <c>python3 test/py/srp_sign_in.py</c>: USER_SRP_AUTH through boto3 with the client's SRP computed in plain
/// Python (independent of our C#), answering PASSWORD_VERIFIER without a Session as pycognito does.
/// </summary>
public static class PythonSrpSignIn
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>The script's report: <c>challenge</c>, then <c>result</c> or <c>error</c> {code, message, step}.</summary>
    public static async Task<JsonElement> RunAsync(
        string baseUrl, string poolId, string clientId, string username, string password, CancellationToken ct, params string[] options)
    {
        var script = Path.Combine(RepoPaths.Root, "test", "py", "srp_sign_in.py");
        var result = await ChildProcess.RunAsync(
            "python3", [script, baseUrl, poolId, clientId, username, password, .. options],
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["AWS_PROFILE"] = null, ["AWS_CONFIG_FILE"] = "/dev/null" },
            Timeout, RepoPaths.Root, ct);
        Assert.True(result.ExitCode == 0, $"srp_sign_in.py failed (exit {result.ExitCode}): {result.Stderr}\n{result.Stdout}");
        using var report = JsonDocument.Parse(result.Stdout);
        return report.RootElement.Clone();
    }

    /// <summary>The AuthenticationResult of a sign-in that must succeed.</summary>
    public static JsonElement Tokens(JsonElement report)
    {
        Assert.False(report.Has("error"), $"SRP sign-in failed: {report}");
        return report.Prop("result").Prop("AuthenticationResult");
    }

    /// <summary>Asserts the sign-in failed with <paramref name="code"/> and <paramref name="message"/>.</summary>
    public static void AssertError(JsonElement report, string step, string code, string message)
    {
        Assert.True(report.Has("error"), $"expected {code} at {step}, got: {report}");
        var error = report.Prop("error");
        Assert.Equal((step, code, message), (error.Str("step"), error.Str("code"), error.Str("message")));
    }
}
