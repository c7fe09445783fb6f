namespace Ninsho.Server.Tests;

/// <summary>Where things are in the repository, found from the test binaries' folder.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding Ninsho.slnx.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>test/js: the Node helpers (aws-jwt-verify) used by the wire tests.</summary>
    public static string JsDir => Path.Combine(Root, "test", "js");

    /// <summary>
    /// The server's entry assembly. The test project references src/Ninsho.Server, so the build copies
    /// Ninsho.Server.dll (with its deps.json and runtimeconfig.json) next to the tests.
    /// </summary>
    public static string ServerDll => Path.Combine(AppContext.BaseDirectory, "Ninsho.Server.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ninsho.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Ninsho.slnx not found above {AppContext.BaseDirectory}");
    }
}
