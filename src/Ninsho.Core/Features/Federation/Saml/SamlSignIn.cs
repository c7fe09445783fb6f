using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Ninsho.Core.Features.HostedUi;
using Ninsho.Core.Features.IdentityProviders;
using Ninsho.Core.Features.SigningCertificates;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Federation.Saml;

/// <summary>Sign-in through a SAML 2.0 identity provider (docs/federation.md#saml). SP-initiated: the browser goes to
/// the IdP's SingleSignOnService with an AuthnRequest (HTTP-Redirect binding) and a RelayState that is Ninsho's
/// sealed state (the app's authorize request, the AuthnRequest id, a hash of the browser's flow cookie); the IdP posts
/// the SAMLResponse and the RelayState back to <c>/saml2/idpresponse</c>. IdP-initiated (the provider's
/// <c>IDPInit</c> is <c>true</c>): the RelayState holds the authorize parameters in query-string form and the
/// response answers no request. Either way the response is verified (<see cref="SamlResponseReader"/>), its
/// assertion used once, and the person becomes the pool's user through <see cref="FederatedUsers"/>.</summary>
internal sealed class SamlSignIn(
    AuthorizeRules rules, IdentityProviderService providers, ProviderClient client, FederatedCompletion finish,
    SamlSigningKeys signingKeys, IIssuerUrls urls, INinshoStorage storage, FederationFlowSeal flows, TimeProvider clock)
{
    /// <summary>The pool resources that record used assertion ids, kept until the assertion could no longer be valid.</summary>
    public const string UsedAssertionKind = "saml-assertion";

    /// <summary>How long a used assertion id is remembered: no accepted assertion is valid longer after its use
    /// (SP-initiated answers need a state at most 5 minutes old, IdP-initiated ones an IssueInstant at most 6).</summary>
    public static readonly TimeSpan UsedAssertionRetention = TimeSpan.FromMinutes(30);

    /// <summary>The words Cognito answers an unsolicited response it does not accept with.</summary>
    public const string UnsolicitedRefused = "Invalid samlResponse or relayState from identity provider";

    private static readonly TimeSpan MetadataCacheTime = TimeSpan.FromMinutes(10);

    private const string Purpose = "saml-relay-state";

    private readonly ConcurrentDictionary<string, (DateTimeOffset At, SamlMetadata Metadata)> _metadata = new(StringComparer.Ordinal);

    /// <summary>Cognito's entity id for a pool (the Audience IdPs must put in assertions).</summary>
    public static string EntityId(string userPoolId) => "urn:amazon:cognito:sp:" + userPoolId;

    /// <summary>The ACS URL: <c>{public URL}[/domain/{prefix}]/saml2/idpresponse</c>.</summary>
    public string AcsUrl(string? domain) =>
        urls.PublicBaseUrl + (domain is null ? "" : "/domain/" + Uri.EscapeDataString(domain)) + "/saml2/idpresponse";

    /// <summary>The redirect to the IdP for an authorize request naming a SAML provider the client supports.</summary>
    public async Task<FederationStep> StartAsync(AuthorizeGrant grant, AuthorizeQuery query, IdentityProviderType provider, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(provider);
        try
        {
            var metadata = await MetadataAsync(provider, ct);
            var requestId = "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
            var (flow, relayState, cookie) = await flows.StartAsync(Purpose, provider.ProviderName!, query, requestId, AcsUrl(query.Domain));
            var xml = SamlAuthnRequest.Xml(requestId, clock.GetUtcNow(), metadata.SingleSignOnUrl, EntityId(grant.Pool.Id), flow.CallbackUrl);
            using var key = SignsRequests(provider, metadata) ? await signingKeys.PrivateKeyAsync(grant.Pool.Id, ct) : null;
            return new FederationStep { Redirect = SamlAuthnRequest.RedirectUrl(metadata.SingleSignOnUrl, xml, relayState, key), SetCookie = cookie };
        }
        catch (FederationFailure e)
        {
            return new FederationStep { Redirect = ErrorRedirect(grant, e.Error, e.Message) };
        }
    }

    /// <summary>The IdP's POST to <c>/saml2/idpresponse</c> → the redirect back to the app (or an error page when
    /// nothing can be redirected to).</summary>
    public async Task<FederationStep> FinishAsync(
        string? samlResponse, string? relayState, string? browserCookie, string? sessionCookie, string? domain, CancellationToken ct)
    {
        var flow = await flows.OpenAsync(Purpose, relayState);
        if (flow is null)
        {
            return await UnsolicitedAsync(samlResponse, relayState, sessionCookie, domain, ct);
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

        var provider = await providers.FindAsync(grant.Pool, flow.ProviderName, ct);
        return await SignInAsync(grant, provider, samlResponse, new SamlExpectation(EntityId(grant.Pool.Id), flow.CallbackUrl, flow.Nonce), ct);
    }

    /// <summary>A response that answers no request of Ninsho's: IdP-initiated sign-in, when the provider allows it.</summary>
    private async Task<FederationStep> UnsolicitedAsync(string? samlResponse, string? relayState, string? sessionCookie, string? domain, CancellationToken ct)
    {
        var refused = new FederationStep { PageError = UnsolicitedRefused };
        if (string.IsNullOrEmpty(relayState) || string.IsNullOrEmpty(samlResponse))
        {
            return refused;
        }

        // The RelayState holds what would otherwise be the authorize request's query (Cognito's IdP-initiated rule).
        var fields = System.Web.HttpUtility.ParseQueryString(relayState);
        var query = new AuthorizeQuery
        {
            Fields = fields.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => fields[k] ?? "", StringComparer.Ordinal),
            Domain = domain,
            Session = sessionCookie,
        };
        var check = await rules.CheckAsync(query, ct);
        if (check.Grant is not { } grant)
        {
            return check.ErrorRedirect is null ? refused : new FederationStep { Check = check };
        }

        var provider = await ResolveAsync(grant, query, ct);
        if (provider is null || provider.ProviderType != ProviderDetailRules.Saml
            || !string.Equals(provider.ProviderDetails?.GetValueOrDefault("IDPInit"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return refused;
        }

        // A client that takes IdP-initiated SAML may offer no other kind of provider, not even COGNITO (Cognito's rule).
        var all = await providers.AllAsync(grant.Pool, ct);
        if (grant.Client.SupportedIdentityProviders?.Any(name => all.FirstOrDefault(p => p.ProviderName == name)?.ProviderType != ProviderDetailRules.Saml) != false)
        {
            return refused;
        }

        return await SignInAsync(grant, provider, samlResponse, new SamlExpectation(EntityId(grant.Pool.Id), AcsUrl(domain), null), ct);
    }

    private async Task<FederationStep> SignInAsync(AuthorizeGrant grant, IdentityProviderType? provider, string? samlResponse, SamlExpectation expected, CancellationToken ct)
    {
        return await finish.FinishAsync(grant, async () =>
        {
            if (provider is null || provider.ProviderType != ProviderDetailRules.Saml)
            {
                throw new FederationFailure("The SAML identity provider of this sign-in no longer exists.");
            }

            var metadata = await MetadataAsync(provider, ct);
            var document = SamlResponseReader.Decode(samlResponse);
            var assertion = SamlResponseReader.Read(document, metadata, expected, clock.GetUtcNow());
            await UseOnceAsync(grant.Pool.Id, provider.ProviderName!, assertion.Id, ct);
            var claims = assertion.Attributes.ToDictionary(a => a.Key, a => string.Join(",", a.Value), StringComparer.Ordinal);
            var identity = new FederatedIdentity(provider.ProviderName!, ProviderDetailRules.Saml, assertion.NameId, metadata.EntityId, claims);
            return (provider, identity);
        }, ct);
    }

    /// <summary>Records the assertion id; a second use (any node) is refused.</summary>
    private async Task UseOnceAsync(string userPoolId, string providerName, string assertionId, CancellationToken ct)
    {
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(providerName + "\n" + assertionId)));
        var now = clock.GetUtcNow();
        var row = new StoredPoolResource { UserPoolId = userPoolId, Kind = UsedAssertionKind, Name = name, BodyJson = "{}", CreatedAt = now, ModifiedAt = now };
        if (await storage.PoolResources.CreateAsync(row, ct) != CreateResult.Created)
        {
            throw new FederationFailure("Invalid SAML response received: the assertion has already been used.", "server_error");
        }
    }

    /// <summary>The provider's metadata: its MetadataFile, or its MetadataURL fetched (kept 10 minutes).</summary>
    public async Task<SamlMetadata> MetadataAsync(IdentityProviderType provider, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var details = provider.ProviderDetails ?? new Dictionary<string, string>();
        var name = provider.ProviderName!;
        if (details.GetValueOrDefault("MetadataFile") is { Length: > 0 } file)
        {
            return SamlMetadata.Parse(name, file);
        }

        var url = details.GetValueOrDefault("MetadataURL") ?? throw new FederationFailure($"{name} Error - the provider has no SAML metadata");
        var now = clock.GetUtcNow();
        if (_metadata.TryGetValue(url, out var cached) && now - cached.At < MetadataCacheTime)
        {
            return cached.Metadata;
        }

        var (status, body) = await client.GetAsync(url, "application/samlmetadata+xml, application/xml, text/xml", "Timeout in calling the SAML metadata URL", ct);
        if (status is < 200 or > 299)
        {
            throw new FederationFailure($"Error retrieving metadata from {url}");
        }

        var metadata = SamlMetadata.Parse(name, body);
        _metadata[url] = (now, metadata);
        return metadata;
    }

    /// <summary>Whether AuthnRequests are signed: the provider's RequestSigningAlgorithm is set, or its metadata asks
    /// for signed requests.</summary>
    private static bool SignsRequests(IdentityProviderType provider, SamlMetadata metadata) =>
        metadata.WantAuthnRequestsSigned || provider.ProviderDetails?.GetValueOrDefault("RequestSigningAlgorithm") is { Length: > 0 };

    private async Task<IdentityProviderType?> ResolveAsync(AuthorizeGrant grant, AuthorizeQuery query, CancellationToken ct)
    {
        IdentityProviderType? provider = null;
        if (query.Field("identity_provider") is { } name)
        {
            provider = await providers.FindAsync(grant.Pool, name, ct);
        }
        else if (query.Field("idp_identifier") is { } identifier)
        {
            provider = (await providers.AllAsync(grant.Pool, ct)).FirstOrDefault(p => p.IdpIdentifiers?.Contains(identifier, StringComparer.Ordinal) == true);
        }

        return provider is not null && grant.Client.SupportedIdentityProviders?.Contains(provider.ProviderName!, StringComparer.Ordinal) == true ? provider : null;
    }

    private static string ErrorRedirect(AuthorizeGrant grant, string error, string? description) => FederatedCompletion.ErrorRedirect(grant, error, description);
}
