using System.Diagnostics;
using System.Security.Cryptography;

namespace Ninsho.CodeGen;

/// <summary>Generates src/Ninsho.Protocol/Generated from botocore's service models.
/// Usage: dotnet run --project tools/Ninsho.CodeGen [-- --botocore DIR] [--out DIR].</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        var botocore = Arg(args, "--botocore") ?? FindBotocore();
        var repo = FindRepoRoot();
        var outDir = Arg(args, "--out") ?? Path.Combine(repo, "src", "Ninsho.Protocol", "Generated");
        var version = File.ReadAllLines(Path.Combine(botocore, "__init__.py"))
            .First(l => l.StartsWith("__version__", StringComparison.Ordinal)).Split('\'')[1];

        var services = new[]
        {
            ("cognito-idp", "2016-04-18", "Ninsho.Protocol.IdentityProvider", "IdentityProvider"),
            ("cognito-identity", "2014-06-30", "Ninsho.Protocol.Identity", "Identity"),
        };

        if (Directory.Exists(outDir))
        {
            Directory.Delete(outDir, recursive: true);
        }

        foreach (var (id, apiVersion, ns, prefix) in services)
        {
            var rel = $"data/{id}/{apiVersion}/service-2.json.gz";
            var path = Path.Combine(botocore, rel);
            var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
            var model = ServiceModel.Load(path, ns, prefix, $"botocore {version} {rel} (sha256 {sha})");
            var dir = Path.Combine(outDir, prefix);
            var files = RecordEmitter.Emit(model).ToList();
            files.Add(($"{prefix}Validator.g.cs", new ValidatorEmitter(model).Emit()));
            files.Add(($"{prefix}JsonContext.g.cs", TableEmitter.EmitJsonContext(model)));
            files.Add(($"{prefix}Operations.g.cs", TableEmitter.EmitOperations(model)));
            files.Add(($"{prefix}ErrorTypes.g.cs", TableEmitter.EmitErrorTypes(model)));
            foreach (var (file, text) in files)
            {
                var full = Path.Combine(dir, file);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, text);
            }

            Console.WriteLine($"{id}: {model.Operations.Count} operations, {files.Count} files");
        }

        return 0;
    }

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string FindBotocore()
    {
        var psi = new ProcessStartInfo("python3", ["-c", "import botocore,os;print(os.path.dirname(botocore.__file__))"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("python3 did not start");
        var dir = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return p.ExitCode == 0 && Directory.Exists(dir)
            ? dir
            : throw new InvalidOperationException("botocore not found: pass --botocore DIR");
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ninsho.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Ninsho.slnx not found above the tool");
    }
}
