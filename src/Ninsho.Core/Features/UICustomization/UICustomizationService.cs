using System.Globalization;
using System.Text.Json;
using Ninsho.Core.Features.PoolConfiguration;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.UICustomization;

/// <summary>Classic hosted UI branding, kept as pool resources of kind <c>ui-customization</c> named <c>ALL</c> (the
/// pool's default) or by client id; and the logos the host serves at the <c>ImageUrl</c> shown:
/// <c>{public url}/ui-customization/{pool}/{ALL or client}/{CSSVersion}/assets/images/image.png|jpg</c>, the shape of
/// Cognito's CloudFront URLs.</summary>
internal sealed class UICustomizationService(INinshoStorage storage, IIssuerUrls urls) : IUICustomizationImages
{
    public const string Kind = PoolResourceKinds.UICustomization;

    public async Task<UICustomizationImage?> FindAsync(string userPoolId, string clientId, string cssVersion, CancellationToken ct) =>
        await storage.PoolResources.FindAsync(userPoolId, Kind, clientId, ct) is { } row
        && Read(row) is { Image: { } image, ImageContentType: { } type } body
        && body.CSSVersion == cssVersion
            ? new UICustomizationImage(image, type)
            : null;

    /// <summary>A version stamp for a new setting: the time as Cognito writes it, later than the replaced one's.</summary>
    public static string NextVersion(StoredPoolResource? replaced, DateTimeOffset now)
    {
        var stamp = long.Parse(now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (replaced is not null && long.TryParse(Read(replaced).CSSVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var previous) && previous >= stamp)
        {
            stamp = previous + 1;
        }

        return stamp.ToString(CultureInfo.InvariantCulture);
    }

    public static string Serialize(StoredUICustomization body) => JsonSerializer.Serialize(body, PoolConfigurationJsonContext.Default.StoredUICustomization);

    public static StoredUICustomization Read(StoredPoolResource row) =>
        JsonSerializer.Deserialize(row.BodyJson, PoolConfigurationJsonContext.Default.StoredUICustomization)
        ?? throw new InvalidDataException($"Empty UI customization for {row.UserPoolId}/{row.Name}.");

    public UICustomizationType View(StoredPoolResource row)
    {
        var body = Read(row);
        return new UICustomizationType
        {
            UserPoolId = row.UserPoolId,
            ClientId = row.Name,
            ImageUrl = body.Image is null ? null : ImageUrl(row, body),
            CSS = body.CSS,
            CSSVersion = body.CSSVersion,
            CreationDate = row.CreatedAt,
            LastModifiedDate = row.ModifiedAt,
        };
    }

    private string ImageUrl(StoredPoolResource row, StoredUICustomization body) =>
        $"{urls.PublicBaseUrl}/ui-customization/{Uri.EscapeDataString(row.UserPoolId)}/{Uri.EscapeDataString(row.Name)}/{body.CSSVersion}" +
        $"/assets/images/{UICustomizationImage.FileNameFor(body.ImageContentType)}";
}
