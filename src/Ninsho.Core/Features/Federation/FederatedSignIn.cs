using System.Security.Cryptography;
using Ninsho.Core.Features.Federation.Saml;
using Ninsho.Core.Features.HostedUi;
using Ninsho.Core.Features.IdentityProviders;
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
    SamlSignIn saml, IIssuerUrls urls, FederationFlowSeal flows) : IFederatedSignIn
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
        FederationFlow flow;
        string state, cookie;
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        try
        {
            endpoints = await client.EndpointsAsync(provider, ct);
            (flow, state, cookie) = await flows.StartAsync(Purpose, provider.ProviderName!, query, nonce, CallbackUrl(query.Domain));
        }
        catch (FederationFailure e)
        {
            return Fail(e.Message);
        }

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
        var flow = await flows.OpenAsync(Purpose, answer.GetValueOrDefault("state"));
        if (flow is null)
        {
            return new FederationStep { PageError = "Something went wrong: the sign-in through the identity provider took too long or is not known. Please sign in again." };
        }

        if (!FederationFlowSeal.BelongsTo(flow, browserCookie, domain))
        {
            return new FederationStep { PageError = FederationFlowSeal.OtherBrowser };
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

    private static string ErrorRedirect(AuthorizeGrant grant, string error, string? description) => FederatedCompletion.ErrorRedirect(grant, error, description);
}
