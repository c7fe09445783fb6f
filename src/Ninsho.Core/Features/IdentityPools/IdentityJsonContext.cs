using System.Text.Json.Serialization;
using Ninsho.Protocol.Serialization;
using Ninsho.Core.Pools;
using Ninsho.Core.Users;
using Ninsho.Core.SignIn;
using Ninsho.Core.Messages;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>JSON metadata for the identity-pool configuration kept in storage and the local session token.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EpochSecondsConverter)])]
[JsonSerializable(typeof(IdentityPoolConfig))]
[JsonSerializable(typeof(SessionTokenContent))]
internal sealed partial class IdentityJsonContext : JsonSerializerContext;
