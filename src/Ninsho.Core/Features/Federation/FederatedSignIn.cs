using System.Security.Cryptography;
using System.Text;
using Ninsho.Core.Features.Federation.Saml;
using Ninsho.Core.Features.HostedUi;
using Ninsho.Core.Features.IdentityProviders;
using Ninsho.Core.Security;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Federation;

/// <summary>The hosted UI's federated sign-in (docs/federation.md#the-flow): the authorize request is checked as
/// any other, its provider is resolved (<c>identity_provider</c> by name, <c>idp_identifier</c> by the providers'
/// IdpIdentifiers) and must be one the app client supports; the browser goes to the provider with a sealed state
/// and a nonce, bound to it by a cookie; the answer at <c>/oauth2/idpresponse</c> is redeemed there
/// (<see cref="ProviderClient"/>), turned into the pool's user (<see cref="FederatedUsers"/>) and into Ninsho's own
/// authorization code for the app. Failures after the provider answered go back to the app as
/// <c>error=invalid_request</c> with a description, as Cognito's do.</summary>
internal sealed class FederatedSignIn(
    AuthorizeRules rules, IdentityProviderService providers, ProviderClient client, FederatedCompletion finish,
    SamlSignIn saml, IIssuerUrls urls, SealingKeys sealingKeys) : IFederatedSignIn
{
    /// <summary>Cognito's federated sign-ins must finish within 5 minutes.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>The banner Cognito's login page shows for a provider it cannot offer.</summary>
    public const string UnavailableProvider = "Login option is not available. Please try another one";

    private const string Purpose = "federation-state";

    /// <summary>Authorize parameters passed on to the provider (Cognito forwards <c>prompt</c> and <c>login_hint</c>).</summary>
    private static readonly string[] Forwarded = ["prompt", "login_hint"];


    public async Task<FederationStep> StartAsync(AuthorizeQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var check = await rules.CheckAsync(query, ct);
        if (check.Grant is not { } grant)
        {
            return new FederationStep { Check = check };
        }

        var provider = await ResolveAsync(grant, query, ct);
        if (provider is null)
        {
            return new FederationStep { Check = check, LoginError = UnavailableProvider };
        }

        FederationStep Fail(string description) => new() { Redirect = ErrorRedirect(grant, "invalid_request", description) };
        if (provider.ProviderType == ProviderDetailRules.Saml)
        {
            return await saml.StartAsync(grant, query, provider, ct);
        }

        ProviderEndpoints endpoints;
        try
        {
            endpoints = await client.EndpointsAsync(provider, ct);
        }
        catch (FederationFailure e)
        {
            return Fail(e.Message);
        }

        var cookie = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var flow = new FederationFlow
        {
            ProviderName = provider.ProviderName!,
            Query = new Dictionary<string, string>(query.Fields, StringComparer.Ordinal),
            Domain = query.Domain,
            Nonce = nonce,
            CallbackUrl = CallbackUrl(query.Domain),
            BrowserBinding = Binding(cookie),
        };
        var payload = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(flow, FederationJsonContext.Default.FederationFlow);
        if (payload.Length > SessionSealer.MaxPayloadBytes)
        {
            return Fail("The authorize request is too long to be carried through the identity provider.");
        }

        var state = (await sealingKeys.SessionSealerAsync()).Seal(Purpose, payload, Lifetime);
        var forwarded = Forwarded.Where(f => query.Field(f) is not null).ToDictionary(f => f, f => query.Field(f)!, StringComparer.Ordinal);
        return new FederationStep
        {
            Redirect = ProviderClient.AuthorizeUrl(provider, endpoints, flow.CallbackUrl, state, nonce, forwarded),
            SetCookie = cookie,
        };
    }

    public async Task<FederationStep> FinishAsync(
        IReadOnlyDictionary<string, string> answer, string? browserCookie, string? sessionCookie, string? domain, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var sealedFlow = (await sealingKeys.SessionSealerAsync()).Unseal(Purpose, answer.GetValueOrDefault("state"));
        var flow = sealedFlow is null ? null : System.Text.Json.JsonSerializer.Deserialize(sealedFlow, FederationJsonContext.Default.FederationFlow);
        if (flow is null)
        {
            return new FederationStep { PageError = "Something went wrong: the sign-in through the identity provider took too long or is not known. Please sign in again." };
        }

        if (browserCookie is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Binding(browserCookie)), Encoding.ASCII.GetBytes(flow.BrowserBinding))
            || flow.Domain != domain)
        {
            return new FederationStep { PageError = "Something went wrong: this answer of the identity provider belongs to a sign-in started in another browser. Please sign in again." };
        }

        var check = await rules.CheckAsync(new AuthorizeQuery { Fields = flow.Query, Domain = flow.Domain, Session = sessionCookie }, ct);
        if (check.Grant is not { } grant)
        {
            return new FederationStep { Check = check };
        }

        if (answer.GetValueOrDefault("error") is { Length: > 0 } error)
        {
            // The provider refused (the person cancelled, …): its error goes back to the app (guessed: Cognito's
            // exact mapping is not documented).
            return new FederationStep { Redirect = ErrorRedirect(grant, error, answer.GetValueOrDefault("error_description")) };
        }

        if (answer.GetValueOrDefault("code") is not { Length: > 0 } providerCode)
        {
            return new FederationStep { Redirect = ErrorRedirect(grant, "invalid_request", "The identity provider sent no code.") };
        }

        return await finish.FinishAsync(grant, async () =>
        {
            var provider = await providers.FindAsync(grant.Pool, flow.ProviderName, ct)
                ?? throw new FederationFailure($"The identity provider {flow.ProviderName} no longer exists.");
            var endpoints = await client.EndpointsAsync(provider, ct);
            return (provider, await client.RedeemAsync(provider, endpoints, providerCode, flow.CallbackUrl, flow.Nonce, answer.GetValueOrDefault("user"), ct));
        }, ct);
    }

    public Task<FederationStep> FinishSamlAsync(
        string? samlResponse, string? relayState, string? browserCookie, string? sessionCookie, string? domain, CancellationToken ct) =>
        saml.FinishAsync(samlResponse, relayState, browserCookie, sessionCookie, domain, ct);

    /// <summary>The provider the request names, when it exists and the app client supports it.</summary>
    private async Task<IdentityProviderType?> ResolveAsync(AuthorizeGrant grant, AuthorizeQuery query, CancellationToken ct)
    {
        IdentityProviderType? provider;
        if (query.Field("identity_provider") is { } name && name != "COGNITO")
        {
            provider = await providers.FindAsync(grant.Pool, name, ct);
        }
        else if (query.Field("idp_identifier") is { } identifier)
        {
            provider = (await providers.AllAsync(grant.Pool, ct)).FirstOrDefault(p => p.IdpIdentifiers?.Contains(identifier, StringComparer.Ordinal) == true);
        }
        else
        {
            return null;
        }

        return provider is not null && grant.Client.SupportedIdentityProviders?.Contains(provider.ProviderName!, StringComparer.Ordinal) == true ? provider : null;
    }

    /// <summary>The <c>redirect_uri</c> Ninsho gives the provider: <c>{public URL}[/domain/{prefix}]/oauth2/idpresponse</c>
    /// (register it at the provider, as Cognito's <c>https://{domain}/oauth2/idpresponse</c>).</summary>
    private string CallbackUrl(string? domain) =>
        urls.PublicBaseUrl + (domain is null ? "" : "/domain/" + Uri.EscapeDataString(domain)) + "/oauth2/idpresponse";

    private static string Binding(string cookie) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(cookie)));

    private static string ErrorRedirect(AuthorizeGrant grant, string error, string? description) => FederatedCompletion.ErrorRedirect(grant, error, description);
}
