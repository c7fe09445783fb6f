using System.Data.Common;

namespace Ninsho.Storage.Internal;

/// <summary>Reading columns through the ADO.NET base types, the same on every backend.</summary>
internal static class DbRows
{
    public static string? GetNullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static int? GetNullableInt32(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);
}
