using System.Diagnostics;
using System.Security.Cryptography;

namespace Ninsho.CodeGen;

/// <summary>Generates src/Ninsho.Protocol/Generated from the botocore service models committed under models/.
/// Usage: dotnet run --project tools/Ninsho.CodeGen [-- --from-botocore [DIR]] [--out DIR].
/// <c>--from-botocore</c> first refreshes models/ from an installed botocore (the python3 one when DIR is left out),
/// which is how the protocol moves to a newer model; without it the build never depends on what is installed.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        var repo = FindRepoRoot();
        var models = Path.Combine(repo, "models");
        var outDir = Arg(args, "--out") ?? Path.Combine(repo, "src", "Ninsho.Protocol", "Generated");
        if (args.Contains("--from-botocore"))
        {
            var from = Arg(args, "--from-botocore") is { } d && !d.StartsWith("--", StringComparison.Ordinal) ? d : FindBotocore();
            RefreshModels(from, models);
        }

        var version = File.ReadAllText(Path.Combine(models, "botocore-version.txt")).Trim();

        if (Directory.Exists(outDir))
        {
            Directory.Delete(outDir, recursive: true);
        }

        foreach (var (id, apiVersion, ns, prefix) in Services)
        {
            var rel = $"data/{id}/{apiVersion}/service-2.json.gz";
            var path = Path.Combine(models, id, apiVersion, "service-2.json.gz");
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

    private static readonly (string Service, string ApiVersion, string Namespace, string Prefix)[] Services =
    [
        ("cognito-idp", "2016-04-18", "Ninsho.Protocol.IdentityProvider", "IdentityProvider"),
        ("cognito-identity", "2014-06-30", "Ninsho.Protocol.Identity", "Identity"),
    ];

    /// <summary>Copies the two service models and botocore's version from an installed botocore into models/.</summary>
    private static void RefreshModels(string botocore, string models)
    {
        foreach (var (service, apiVersion, _, _) in Services)
        {
            var target = Path.Combine(models, service, apiVersion);
            Directory.CreateDirectory(target);
            File.Copy(Path.Combine(botocore, "data", service, apiVersion, "service-2.json.gz"),
                Path.Combine(target, "service-2.json.gz"), overwrite: true);
        }

        var version = File.ReadAllLines(Path.Combine(botocore, "__init__.py"))
            .First(l => l.StartsWith("__version__", StringComparison.Ordinal)).Split('\'')[1];
        File.WriteAllText(Path.Combine(models, "botocore-version.txt"), version + "\n");
        Console.WriteLine($"models/ refreshed from botocore {version} at {botocore}");
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
            : throw new InvalidOperationException("botocore not found: pass --from-botocore DIR");
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
