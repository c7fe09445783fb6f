using Ninsho.Core.Pools;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.SignIn;

/// <summary>The pool's passkey relying party: whether passkeys are on (WEB_AUTHN among the SignInPolicy's first
/// factors), its id and its user-verification requirement.</summary>
internal sealed record PasskeyRelyingParty(string Id, string Name, string UserVerification)
{
    /// <summary>How many passkeys one user may register. Guessed: Cognito's quota is not documented; 20 is the
    /// most ListWebAuthnCredentials returns in one page.</summary>
    public const int MaxPerUser = 20;

    /// <summary>The relying party of <paramref name="pool"/>: WebAuthnConfiguration.RelyingPartyId, else (as Cognito
    /// does) the pool's domain, its custom domain first, else its prefix domain
    /// (<c>PREFIX.auth.REGION.amazoncognito.com</c>). WebAuthnNotEnabledException when WEB_AUTHN is not an allowed
    /// first factor (guessed: the documentation only says "the passkey feature isn't enabled"),
    /// WebAuthnConfigurationMissingException when there is neither an id nor a domain.</summary>
    public static async Task<PasskeyRelyingParty> OfAsync(UserPoolSettings pool, IUserPoolDomainStore domains, CancellationToken ct)
    {
        if (pool.Config.Policies?.SignInPolicy?.AllowedFirstAuthFactors?.Contains(AuthFactorType.WEB_AUTHN) != true)
        {
            throw CognitoErrors.WebAuthnNotEnabled();
        }

        var configured = pool.Mfa.WebAuthn;
        var id = configured?.RelyingPartyId;
        if (string.IsNullOrEmpty(id))
        {
            var all = await domains.ListForPoolAsync(pool.Id, ct);
            id = all.FirstOrDefault(d => d.IsCustom)?.Domain
                ?? (all.FirstOrDefault(d => !d.IsCustom) is { } prefix ? PrefixDomainHost(pool.Id, prefix.Domain) : null)
                ?? throw CognitoErrors.WebAuthnConfigurationMissing();
        }

        return new PasskeyRelyingParty(id.ToLowerInvariant(), pool.Config.Name ?? pool.Id, configured?.UserVerification ?? UserVerificationType.preferred);
    }

    /// <summary>Whether a browser at <paramref name="origin"/> may use this relying party id, as WebAuthn has it: an
    /// https origin whose host is the id or a subdomain of it (default port or any), or http on localhost when
    /// the id is localhost (browsers allow that for development).</summary>
    public bool Allows(string? origin)
    {
        if (origin is null || !Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.AbsolutePath is not ("/" or "")
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        var host = uri.IdnHost.ToLowerInvariant();
        var matches = host == Id || host.EndsWith("." + Id, StringComparison.Ordinal);
        return uri.Scheme == Uri.UriSchemeHttps ? matches : uri.Scheme == Uri.UriSchemeHttp && host == "localhost" && matches;
    }

    private static string PrefixDomainHost(string poolId, string prefix)
    {
        var underscore = poolId.IndexOf('_', StringComparison.Ordinal);
        var region = underscore > 0 ? poolId[..underscore] : "us-east-1";
        return $"{prefix}.auth.{region}.amazoncognito.com";
    }
}
