using Ninsho.Protocol.Errors;

namespace Ninsho.Core.Features.UICustomization;

/// <summary>The logo of classic hosted UI branding: a PNG or JPEG file of at most 100 KB (the developer guide's
/// limits; the model alone allows 128 KiB).</summary>
internal static class UICustomizationImageRules
{
    public const int MaxBytes = 100 * 1024;

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];

    /// <summary>The image's content type; InvalidParameterException when it is too large or not PNG or JPEG.</summary>
    public static string ContentType(byte[] image)
    {
        if (image.Length > MaxBytes)
        {
            throw CognitoErrors.UICustomizationImageTooLarge(MaxBytes);
        }

        return image.AsSpan().StartsWith(Png) ? "image/png"
            : image.AsSpan().StartsWith(Jpeg) ? "image/jpeg"
            : throw CognitoErrors.UICustomizationImageType();
    }
}
