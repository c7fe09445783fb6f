using System.Text.Json;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.ManagedLoginBranding;

/// <summary>The stored body of a branding style: its app client, whether it takes Cognito's defaults, the settings
/// document as given (absent with Cognito's defaults) and the assets.</summary>
internal sealed record StoredBranding
{
    public required string ClientId { get; init; }
    public bool UseCognitoProvidedValues { get; init; }
    public JsonElement? Settings { get; init; }
    public IReadOnlyList<AssetType> Assets { get; init; } = [];
}
