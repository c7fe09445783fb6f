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

    /// <summary>
    /// NINSHO_TEST_SERVER_EXE: a server executable the wire tests run instead of <c>dotnet Ninsho.Server.dll</c>,
    /// e.g. the Native AOT build (<c>NINSHO_BUILD=aot ./ninsho build</c>, then
    /// <c>src/Ninsho.Server/bin/publish-aot/Ninsho.Server</c>; docs/development.md). Unset: the test output's dll.
    /// </summary>
    public static string? ServerExe =>
        Environment.GetEnvironmentVariable("NINSHO_TEST_SERVER_EXE") is { Length: > 0 } exe ? Path.GetFullPath(exe) : null;

    /// <summary>The program that runs the server: <see cref="ServerExe"/>, else the dotnet host that runs the tests
    /// (DOTNET_HOST_PATH, set by the dotnet CLI), else dotnet on PATH.</summary>
    public static string ServerProgram =>
        ServerExe ?? (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet");

    /// <summary>The arguments of <see cref="ServerProgram"/> that run the server with <paramref name="args"/>
    /// (the dll first unless <see cref="ServerExe"/> is set).</summary>
    public static IList<string> ServerArguments(params IEnumerable<string> args) =>
        ServerExe is null ? [ServerDll, .. args] : [.. args];

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
