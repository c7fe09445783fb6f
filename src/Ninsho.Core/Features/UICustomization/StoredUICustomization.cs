namespace Ninsho.Core.Features.UICustomization;

/// <summary>The body of a <c>ui-customization</c> pool resource: the CSS and logo of one SetUICustomization call.</summary>
internal sealed record StoredUICustomization
{
    public string? CSS { get; init; }

    /// <summary>The logo as uploaded (PNG or JPEG), or null.</summary>
    public byte[]? Image { get; init; }

    /// <summary><c>image/png</c> or <c>image/jpeg</c> when there is an image.</summary>
    public string? ImageContentType { get; init; }

    /// <summary>Cognito's version stamp (<c>yyyyMMddHHmmss</c>), new on every set; it is part of the image URL.</summary>
    public required string CSSVersion { get; init; }
}
