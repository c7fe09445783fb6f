using System.Text.Json.Serialization;
using Ninsho.Core.Pools;
using Ninsho.Core.Users;
using Ninsho.Core.SignIn;
using Ninsho.Core.Messages;

namespace Ninsho.Core.Features.ManagedLoginBranding;

/// <summary>JSON metadata for the stored body of a branding style.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredBranding))]
internal sealed partial class BrandingJsonContext : JsonSerializerContext;
