using System.Xml.Linq;
using Xunit;

namespace Ninsho.UnitTests.Packaging;

/// <summary>
/// Ninsho.Testing carries the server's own assemblies inside its package, so every NuGet package those assemblies use
/// must be a dependency of Ninsho.Testing itself (src/Ninsho.Testing/Ninsho.Testing.csproj lists them). A package
/// added to a server project and not there makes the packed Ninsho.Testing fail at start-up with a missing
/// assembly, which only the sample run from the feed would notice; this test names it at once.
/// </summary>
public sealed class TestingPackageDependencyTests
{
    private static readonly string[] ServerProjects =
    [
        "src/Ninsho.Protocol/Ninsho.Protocol.csproj",
        "src/Ninsho.Storage/Ninsho.Storage.csproj",
        "src/Ninsho.Storage.Sqlite/Ninsho.Storage.Sqlite.csproj",
        "src/Ninsho.Storage.PostgreSql/Ninsho.Storage.PostgreSql.csproj",
        "src/Ninsho.Core/Ninsho.Core.csproj",
        "src/Ninsho.Server/Ninsho.Server.csproj",
    ];

    [Fact]
    public void Ninsho_testing_depends_on_every_package_the_server_assemblies_use()
    {
        var root = RepoRoot();
        var testing = PackageReferences(Path.Combine(root, "src/Ninsho.Testing/Ninsho.Testing.csproj"));
        var missing = ServerProjects
            .SelectMany(p => PackageReferences(Path.Combine(root, p)).Select(package => (Project: p, Package: package)))
            .Where(r => !testing.Contains(r.Package))
            .Select(r => $"{r.Package} (used by {r.Project})")
            .ToList();
        Assert.True(missing.Count == 0, "Add to src/Ninsho.Testing/Ninsho.Testing.csproj: " + string.Join(", ", missing));
    }

    private static HashSet<string> PackageReferences(string project) =>
        XDocument.Load(project).Descendants("PackageReference")
            .Where(e => e.Attribute("PrivateAssets")?.Value != "all")
            .Select(e => e.Attribute("Include")!.Value)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

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
