using System.Text.Json.Serialization;

namespace Ninsho.Core.Features.Federation;

/// <summary>JSON metadata of the sealed federation state.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FederationFlow))]
internal sealed partial class FederationJsonContext : JsonSerializerContext;
