using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ninsho.Core.Features.HostedUi;
using Ninsho.Core.Security;

namespace Ninsho.Core.Features.Federation;

/// <summary>The state every federated sign-in carries through the provider (OIDC's <c>state</c>, SAML's
/// <c>RelayState</c>): the app's authorize request sealed for <see cref="FederatedSignIn.Lifetime"/>, and bound to the
/// browser that started it by a random cookie whose hash the state holds (docs/federation.md#the-flow).</summary>
internal sealed class FederationFlowSeal(SealingKeys sealingKeys)
{
    public const string OtherBrowser =
        "Something went wrong: this answer of the identity provider belongs to a sign-in started in another browser. Please sign in again.";

    /// <summary>Seals a new flow; answers the state and the browser cookie to set, or throws
    /// <see cref="FederationFailure"/> when the authorize request is too long to carry.</summary>
    public async Task<(FederationFlow Flow, string State, string Cookie)> StartAsync(
        string purpose, string providerName, AuthorizeQuery query, string nonce, string callbackUrl)
    {
        ArgumentNullException.ThrowIfNull(query);
        var cookie = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var flow = new FederationFlow
        {
            ProviderName = providerName,
            Query = new Dictionary<string, string>(query.Fields, StringComparer.Ordinal),
            Domain = query.Domain,
            Nonce = nonce,
            CallbackUrl = callbackUrl,
            BrowserBinding = Binding(cookie),
        };
        var payload = JsonSerializer.SerializeToUtf8Bytes(flow, FederationJsonContext.Default.FederationFlow);
        if (payload.Length > SessionSealer.MaxPayloadBytes)
        {
            throw new FederationFailure("The authorize request is too long to be carried through the identity provider.");
        }

        return (flow, (await sealingKeys.SessionSealerAsync()).Seal(purpose, payload, FederatedSignIn.Lifetime), cookie);
    }

    /// <summary>The flow a state holds, or null when it is not one of ours or has expired.</summary>
    public async Task<FederationFlow?> OpenAsync(string purpose, string? state)
    {
        var payload = state is null ? null : (await sealingKeys.SessionSealerAsync()).Unseal(purpose, state);
        return payload is null ? null : JsonSerializer.Deserialize(payload, FederationJsonContext.Default.FederationFlow);
    }

    /// <summary>Whether the answer came back to the browser (and the domain) that started the flow.</summary>
    public static bool BelongsTo(FederationFlow flow, string? browserCookie, string? domain)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return browserCookie is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Binding(browserCookie)), Encoding.ASCII.GetBytes(flow.BrowserBinding))
            && flow.Domain == domain;
    }

    private static string Binding(string cookie) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(cookie)));
}
