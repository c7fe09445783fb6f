using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>One finished <c>aws</c> call: exit code, stdout (parsed as JSON when not empty) and stderr.</summary>
public sealed class AwsCliResult
{
    public AwsCliResult(string commandLine, int exitCode, string stdout, string stderr)
    {
        CommandLine = commandLine;
        ExitCode = exitCode;
        Stdout = stdout;
        Stderr = stderr;
        if (!string.IsNullOrWhiteSpace(stdout))
        {
            try
            {
                Json = JsonDocument.Parse(stdout);
            }
            catch (JsonException)
            {
                Json = null;
            }
        }
    }

    public string CommandLine { get; }

    public int ExitCode { get; }

    public string Stdout { get; }

    public string Stderr { get; }

    /// <summary>stdout as JSON, or null when stdout was empty (or not JSON).</summary>
    public JsonDocument? Json { get; }

    /// <summary>Asserts exit code 0 and a JSON document on stdout, and returns its root.</summary>
    public JsonElement Ok()
    {
        AssertExitCode(0);
        Assert.True(Json is not null, $"{Describe()}\nexpected JSON on stdout");
        return Json!.RootElement;
    }

    /// <summary>Asserts exit code 0 and nothing on stdout, as for operations whose output shape is empty.</summary>
    public void OkEmpty()
    {
        AssertExitCode(0);
        Assert.True(string.IsNullOrWhiteSpace(Stdout), $"{Describe()}\nexpected empty stdout");
    }

    /// <summary>
    /// Asserts the CLI's failure for a service error: exit code 255 and
    /// <c>An error occurred (&lt;type&gt;) when calling the &lt;operation&gt; operation: &lt;message&gt;</c> on stderr.
    /// </summary>
    public void AssertError(string errorType, string operation, string message)
    {
        AssertExitCode(255);
        var expected = $"An error occurred ({errorType}) when calling the {operation} operation: {message}";
        Assert.True(
            Stderr.Contains(expected + "\n", StringComparison.Ordinal) || Stderr.TrimEnd().EndsWith(expected, StringComparison.Ordinal),
            $"{Describe()}\nexpected stderr to contain the line:\n{expected}");
    }

    /// <summary>Like <see cref="AssertError"/>, for messages whose start is all that is fixed.</summary>
    public void AssertErrorStartsWith(string errorType, string operation, string messageStart)
    {
        AssertExitCode(255);
        var expected = $"An error occurred ({errorType}) when calling the {operation} operation: {messageStart}";
        Assert.True(Stderr.Contains(expected, StringComparison.Ordinal), $"{Describe()}\nexpected stderr to contain:\n{expected}");
    }

    public string Describe() =>
        $"$ {CommandLine}\nexit code: {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";

    private void AssertExitCode(int expected) =>
        Assert.True(ExitCode == expected, $"{Describe()}\nexpected exit code {expected}");
}
