using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Ninsho.Storage.Internal;

/// <summary>One schema migration, embedded in a backend assembly as <c>Migrations/V001__name.sql</c>.</summary>
internal sealed partial record MigrationScript(int Version, string Name, string Sql)
{
    /// <summary>The assembly's embedded migrations, in version order.</summary>
    public static IReadOnlyList<MigrationScript> LoadAll(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ResourceName().Match(resource);
            if (!match.Success)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Missing embedded resource {resource}.");
            using var reader = new StreamReader(stream);
            scripts.Add(new(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, reader.ReadToEnd()));
        }

        scripts.Sort(static (a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < scripts.Count; i++)
        {
            if (scripts[i].Version == scripts[i - 1].Version)
            {
                throw new InvalidOperationException($"Two migrations have version {scripts[i].Version}.");
            }
        }

        return scripts;
    }

    /// <summary>Throws <see cref="DatabaseSchemaTooNewException"/> when <paramref name="applied"/> (version → name, as the
    /// database records them) holds a migration that <paramref name="scripts"/> lacks.</summary>
    public static void RefuseUnknown(IReadOnlyList<MigrationScript> scripts, IReadOnlyDictionary<int, string> applied)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        ArgumentNullException.ThrowIfNull(applied);
        var known = scripts.Select(s => s.Version).ToHashSet();
        var unknown = applied.Keys.Where(v => !known.Contains(v)).DefaultIfEmpty(-1).Max();
        if (unknown >= 0)
        {
            throw new DatabaseSchemaTooNewException(unknown, applied[unknown], scripts.Count == 0 ? 0 : scripts[^1].Version);
        }
    }

    [GeneratedRegex(@"^Migrations/V(\d+)__([A-Za-z0-9_]+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex ResourceName();
}
