using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>
/// Runs a boto3 journey from <c>test/py</c> against a server: <c>python3 test/py/&lt;script&gt; &lt;endpoint&gt;</c>.
/// The script prints one JSON object mapping each case to <c>["OK" | "&lt;__type&gt;", "&lt;message&gt;", extra]</c>;
/// the test asserts the expectations.
/// </summary>
public static class Boto3Script
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);

    public static async Task<IReadOnlyDictionary<string, Boto3Outcome>> RunAsync(string script, string baseUrl, CancellationToken ct)
    {
        var dir = Path.Combine(RepoPaths.Root, "test", "py");
        var result = await ChildProcess.RunAsync(
            "python3",
            [Path.Combine(dir, script), baseUrl],
            new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["AWS_CONFIG_FILE"] = "/dev/null",
                ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
                ["AWS_PROFILE"] = null,
                ["AWS_ENDPOINT_URL"] = null,
                ["PYTHONDONTWRITEBYTECODE"] = "1",
            },
            Timeout,
            dir,
            ct);
        Assert.True(result.ExitCode == 0, $"{script} failed (exit {result.ExitCode}):\n{result.Stderr}\n{result.Stdout}");
        using var json = JsonDocument.Parse(result.Stdout);
        return json.RootElement.EnumerateObject().ToDictionary(
            p => p.Name,
            p => new Boto3Outcome(p.Value[0].GetString()!, p.Value[1].GetString()!, p.Value[2].Clone()),
            StringComparer.Ordinal);
    }
}

/// <summary>One case of a boto3 journey: <see cref="Type"/> is <c>OK</c> or the error's <c>__type</c>.</summary>
public sealed record Boto3Outcome(string Type, string Message, JsonElement Extra)
{
    public override string ToString() => $"{Type}: {Message} {Extra}";
}
