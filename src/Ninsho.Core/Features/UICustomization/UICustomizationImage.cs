namespace Ninsho.Core.Features.UICustomization;

/// <summary>A stored classic hosted UI logo, as the host serves it.</summary>
public sealed record UICustomizationImage(byte[] Bytes, string ContentType)
{
    /// <summary>The file name its URL ends with.</summary>
    public string FileName => FileNameFor(ContentType);

    public static string FileNameFor(string? contentType) => contentType == "image/png" ? "image.png" : "image.jpg";
}
