using System.Text.Json.Serialization;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Terms;

/// <summary>JSON metadata for the stored body of a terms document.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TermsType))]
internal sealed partial class TermsJsonContext : JsonSerializerContext;
