using Ninsho.Core.Features.UICustomization;

namespace Ninsho.Server.Endpoints;

/// <summary>The logos of classic hosted UI branding, at the <c>ImageUrl</c> SetUICustomization and
/// GetUICustomization return: <c>/ui-customization/{pool}/{ALL or client}/{CSSVersion}/assets/images/image.png|jpg</c>.
/// A URL of a replaced setting answers 404.</summary>
internal static class UICustomizationEndpoints
{
    public static void MapUICustomizationImages(this WebApplication app) =>
        app.MapGet("/ui-customization/{userPoolId}/{clientId}/{cssVersion}/assets/images/{file}",
            async (string userPoolId, string clientId, string cssVersion, string file, IUICustomizationImages images, CancellationToken ct) =>
                await images.FindAsync(userPoolId, clientId, cssVersion, ct) is { } image && file == image.FileName
                    ? Results.Bytes(image.Bytes, image.ContentType)
                    : Results.NotFound());
}
