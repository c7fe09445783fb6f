using System.Reflection;
using System.Text.RegularExpressions;
using Ninsho.Protocol.Errors;
using Xunit;

namespace Ninsho.UnitTests.Protocol;

/// <summary>
/// Every error message lives in the catalogue (<c>src/Ninsho.Protocol/Errors</c>), as a named factory that says
/// whether Cognito's wording is sourced, unconfirmed or guessed (docs/architecture.md, "A new error"). A message
/// written elsewhere — a string literal handed to one of the catalogue's message-taking factories such as
/// <c>CognitoErrors.InvalidParameter("…")</c>, or a <c>new CognitoException(…)</c> — fails this test with its place.
/// Messages composed from validation results (the model's constraint errors, a JSON error) still pass through the
/// message-taking factories, without a literal.
/// </summary>
public sealed partial class ErrorCatalogueTests
{
    [Fact]
    public void Does_find_no_error_message_written_outside_the_catalogue()
    {
        var src = Path.Combine(RepoRoot(), "src");
        var catalogue = Path.Combine(src, "Ninsho.Protocol", "Errors") + Path.DirectorySeparatorChar;
        var inline = (
            from file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            where !file.StartsWith(catalogue, StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}Generated{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            from line in File.ReadLines(file).Select((text, index) => (text, number: index + 1))
            where NewException().IsMatch(line.text) || LiteralMessage.IsMatch(line.text)
            select $"{Path.GetRelativePath(src, file)}:{line.number}: {line.text.Trim()}").ToList();

        Assert.True(inline.Count == 0, "Error messages outside the catalogue (add a named factory to src/Ninsho.Protocol/Errors):\n" + string.Join('\n', inline));
    }

    /// <summary>A call of a factory that takes a free-text message (a parameter named <c>message</c>) with a string
    /// literal among its arguments on the same line.</summary>
    private static readonly Regex LiteralMessage = new(
        @"CognitoErrors\.(" + string.Join('|',
            typeof(CognitoErrors).GetMethods(BindingFlags.Public | BindingFlags.Static)
                .Where(m => m.GetParameters().Any(p => p.Name == "message" && p.ParameterType == typeof(string)))
                .Select(m => m.Name).Distinct()) + @")\([^;]*""",
        RegexOptions.CultureInvariant);

    [GeneratedRegex(@"new\s+CognitoException\(")]
    private static partial Regex NewException();

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ninsho.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Ninsho.slnx not found above the test assembly");
    }
}
