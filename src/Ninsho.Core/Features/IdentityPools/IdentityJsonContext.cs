using System.Text.Json.Serialization;
using Ninsho.Protocol.Serialization;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>JSON metadata for the identity-pool configuration kept in storage.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EpochSecondsConverter)])]
[JsonSerializable(typeof(IdentityPoolConfig))]
internal sealed partial class IdentityJsonContext : JsonSerializerContext;
