using System.Text.Json.Serialization;
using Ninsho.Protocol.Serialization;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>JSON metadata for the identity-pool configuration kept in storage and the local session token.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EpochSecondsConverter)])]
[JsonSerializable(typeof(IdentityPoolConfig))]
[JsonSerializable(typeof(SessionTokenContent))]
internal sealed partial class IdentityJsonContext : JsonSerializerContext;
