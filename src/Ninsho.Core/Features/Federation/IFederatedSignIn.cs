using Ninsho.Core.Features.HostedUi;

namespace Ninsho.Core.Features.Federation;

/// <summary>Sign-in through another identity provider from the hosted UI (docs/federation.md): the host sends the
/// browser where <see cref="StartAsync"/> says, and hands what the provider posts back to <c>/oauth2/idpresponse</c>
/// to <see cref="FinishAsync"/>.</summary>
public interface IFederatedSignIn
{
    /// <summary>Whether an authorize request asks for another provider (<c>identity_provider</c> other than
    /// <c>COGNITO</c>, or <c>idp_identifier</c>).</summary>
    static bool Requested(AuthorizeQuery query) =>
        query?.Field("idp_identifier") is not null || (query?.Field("identity_provider") is { } name && name != "COGNITO");

    /// <summary>An authorize request naming a provider → the redirect to that provider.</summary>
    Task<FederationStep> StartAsync(AuthorizeQuery query, CancellationToken ct);

    /// <summary>The provider's answer (<c>code</c>, <c>state</c>, <c>error</c>, Apple's <c>user</c>) → the redirect
    /// back to the app. <paramref name="browserCookie"/> is the flow cookie <see cref="StartAsync"/> set;
    /// <paramref name="domain"/> the prefix of <c>/domain/{prefix}/oauth2/idpresponse</c>.</summary>
    Task<FederationStep> FinishAsync(IReadOnlyDictionary<string, string> answer, string? browserCookie, string? sessionCookie, string? domain, CancellationToken ct);

    /// <summary>A SAML IdP's HTTP-POST to <c>/saml2/idpresponse</c> (<c>SAMLResponse</c>, <c>RelayState</c>) → the
    /// redirect back to the app: the answer to a sign-in <see cref="StartAsync"/> began (bound to the same flow
    /// cookie), or an IdP-initiated one where the provider allows it.</summary>
    Task<FederationStep> FinishSamlAsync(string? samlResponse, string? relayState, string? browserCookie, string? sessionCookie, string? domain, CancellationToken ct);
}
