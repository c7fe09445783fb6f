using System.Text.Json.Serialization;

namespace Ninsho.Core.Features.ManagedLoginBranding;

/// <summary>JSON metadata for the stored body of a branding style.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredBranding))]
internal sealed partial class BrandingJsonContext : JsonSerializerContext;
