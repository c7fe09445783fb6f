using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.IdentityProviders;

/// <summary>A provider as the API returns it: Apple's private key left out.</summary>
internal static class IdentityProviderViews
{
    public static IdentityProviderType Shown(IdentityProviderType provider) => provider with
    {
        ProviderDetails = ProviderDetailRules.Shown(provider.ProviderType ?? string.Empty, provider.ProviderDetails ?? new Dictionary<string, string>()),
    };
}
