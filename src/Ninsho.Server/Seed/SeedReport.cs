using System.Globalization;

namespace Ninsho.Server.Seed;

/// <summary>What one application of a seed file did.</summary>
internal sealed class SeedReport
{
    public int Created { get; set; }

    public int Unchanged { get; set; }

    public int Updated { get; set; }

    /// <summary>What exists and differs from the file, left as it is (no <c>Overwrite: true</c>).</summary>
    public List<string> Differences { get; } = [];

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Created} created, {Unchanged} unchanged, {Updated} overwritten, {Differences.Count} differ from the file");
}
