using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.IdentityProviders;

/// <summary>UpdateIdentityProvider: what the request gives replaces the stored member (details checked and completed
/// again; a mapping merges into the stored one, as Cognito keeps mappings it is not given); the rest stays.</summary>
internal sealed class UpdateIdentityProviderHandler(UserPoolService pools, IdentityProviderService providers)
    : IOperationHandler<UpdateIdentityProviderRequest, UpdateIdentityProviderResponse>
{
    public async Task<UpdateIdentityProviderResponse> HandleAsync(UpdateIdentityProviderRequest r, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(r.UserPoolId, ct);
        var updated = await providers.UpdateAsync(pool, r.ProviderName, current => current with
        {
            ProviderDetails = r.ProviderDetails is { } details
                ? ProviderDetailRules.Complete(current.ProviderType!, KeepHidden(current, details))
                : current.ProviderDetails,
            AttributeMapping = r.AttributeMapping is { } mapping
                ? Merge(current.AttributeMapping, mapping)
                : current.AttributeMapping,
            IdpIdentifiers = r.IdpIdentifiers ?? current.IdpIdentifiers,
        }, ct);
        return new UpdateIdentityProviderResponse { IdentityProvider = IdentityProviderViews.Shown(updated) };
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string>? stored, IReadOnlyDictionary<string, string> changes)
    {
        var merged = new Dictionary<string, string>(stored ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (key, value) in changes)
        {
            merged[key] = value;
        }

        return merged;
    }

    /// <summary>Apple's private key is never shown, so a client that sends back what it read must not lose it.</summary>
    private static Dictionary<string, string> KeepHidden(IdentityProviderType current, IReadOnlyDictionary<string, string> given)
    {
        var details = new Dictionary<string, string>(given, StringComparer.Ordinal);
        if (current.ProviderDetails?.GetValueOrDefault("private_key") is { } key)
        {
            details.TryAdd("private_key", key);
        }

        return details;
    }
}
