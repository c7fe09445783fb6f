using BenchmarkDotNet.Running;

namespace Ninsho.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line, e.g.
/// <c>dotnet run -c Release --project bench/Ninsho.Benchmarks -- --filter '*Token*' --job short --inProcess</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
