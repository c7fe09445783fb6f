namespace Ninsho.Core.Features.UICustomization;

/// <summary>The logos of classic hosted UI branding, which the host serves at the <c>ImageUrl</c> it returns.</summary>
public interface IUICustomizationImages
{
    /// <summary>The logo of the pool's setting named <paramref name="clientId"/> (<c>ALL</c> or a client id) at
    /// <paramref name="cssVersion"/>; null when there is none, or it has since been replaced.</summary>
    Task<UICustomizationImage?> FindAsync(string userPoolId, string clientId, string cssVersion, CancellationToken ct);
}
