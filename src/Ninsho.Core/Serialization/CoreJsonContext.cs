using System.Text.Json.Serialization;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Protocol.Serialization;

namespace Ninsho.Core.Serialization;

/// <summary>JSON metadata for what Core keeps as opaque JSON in storage (pool and client configuration).</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EpochSecondsConverter)])]
[JsonSerializable(typeof(UserPoolType))]
[JsonSerializable(typeof(Ninsho.Core.SignIn.SealedRefreshTokenPayload))]
[JsonSerializable(typeof(UserPoolClientType))]
[JsonSerializable(typeof(AuthEventType))]
[JsonSerializable(typeof(Ninsho.Core.Users.UserState))]
[JsonSerializable(typeof(Ninsho.Core.Users.UserState.StoredMfaOnly))]
[JsonSerializable(typeof(IdentityProviderType))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<ResourceServerScopeType>))]
[JsonSerializable(typeof(Ninsho.Core.SignIn.ChallengeSession))]
[JsonSerializable(typeof(Ninsho.Core.Pools.PoolMfaConfig))]
[JsonSerializable(typeof(Ninsho.Core.Features.HostedUi.IssuedCode))]
[JsonSerializable(typeof(Ninsho.Core.Features.HostedUi.HostedUiSessionList))]
[JsonSerializable(typeof(Ninsho.Core.Users.UserMfaState))]

[JsonSerializable(typeof(List<Ninsho.Core.Pools.SealedClientSecret>))]
internal sealed partial class CoreJsonContext : JsonSerializerContext;
