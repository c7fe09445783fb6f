using Ninsho.Protocol.Errors;
using Ninsho.Protocol.Identity;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>Checks on an identity pool's settings beyond the model's constraints.</summary>
internal static class IdentityPoolRules
{
    public const int MaxTags = 50;

    /// <summary>The settings of Create/UpdateIdentityPool, normalised as Describe shows them.</summary>
    public static IdentityPool Normalize(IdentityPool pool)
    {
        foreach (var provider in pool.CognitoIdentityProviders ?? [])
        {
            if (provider.ProviderName is not { } name || !UserPoolProviderNames.IsWellFormed(name))
            {
                throw CognitoErrors.InvalidCognitoIdentityProvider();
            }
        }

        CheckTags(pool.IdentityPoolTags);
        return pool with { AllowClassicFlow = pool.AllowClassicFlow ?? false };
    }

    public static void CheckTags(IReadOnlyDictionary<string, string>? tags)
    {
        if (tags is { Count: > MaxTags })
        {
            throw CognitoErrors.TooManyIdentityPoolTags(MaxTags);
        }
    }
}
