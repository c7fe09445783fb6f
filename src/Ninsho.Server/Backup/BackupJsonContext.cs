using System.Text.Json.Serialization;

namespace Ninsho.Server.Backup;

/// <summary>Source-generated JSON for backup lines.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BackupLine))]
internal sealed partial class BackupJsonContext : JsonSerializerContext;
