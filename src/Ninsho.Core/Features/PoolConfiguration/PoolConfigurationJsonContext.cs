using System.Text.Json.Serialization;
using Ninsho.Core.Features.SigningCertificates;
using Ninsho.Core.Features.UICustomization;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Protocol.Serialization;

namespace Ninsho.Core.Features.PoolConfiguration;

/// <summary>JSON metadata for the bodies these features keep as pool resources.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EpochSecondsConverter)])]
[JsonSerializable(typeof(StoredUICustomization))]
[JsonSerializable(typeof(RiskConfigurationType))]
[JsonSerializable(typeof(List<LogConfigurationType>))]
[JsonSerializable(typeof(StoredSigningCertificate))]
internal sealed partial class PoolConfigurationJsonContext : JsonSerializerContext;
