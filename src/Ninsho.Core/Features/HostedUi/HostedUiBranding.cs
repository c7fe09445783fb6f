namespace Ninsho.Core.Features.HostedUi;

/// <summary>The classic hosted UI branding (set-ui-customization) the pages of one app client show: the client's
/// own, else the pool's (<c>ALL</c>). <see cref="Css"/> passed UICustomizationCss's checks when it was set.</summary>
public sealed record HostedUiBranding(string? Css, string? ImageUrl);
