using Ninsho.Protocol.IdentityProvider;
using Ninsho.Core.Pools;
using Ninsho.Core.Users;
using Ninsho.Core.SignIn;
using Ninsho.Core.Messages;

namespace Ninsho.Core.Features.IdentityProviders;

/// <summary>A provider as the API returns it: Apple's private key left out.</summary>
internal static class IdentityProviderViews
{
    public static IdentityProviderType Shown(IdentityProviderType provider) => provider with
    {
        ProviderDetails = ProviderDetailRules.Shown(provider.ProviderType ?? string.Empty, provider.ProviderDetails ?? new Dictionary<string, string>()),
    };
}
