using Microsoft.Extensions.DependencyInjection;

namespace Ninsho.Core.Features.Federation;

/// <summary>Registers federated sign-in: a named HttpClient for the back-channel calls to other providers (no
/// automatic redirects, 1 MiB answers; each call bounded by <see cref="ProviderClient.CallTimeout"/>) and the services.</summary>
internal static class FederationServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddHttpClient(ProviderClient.HttpClientName, http =>
        {
            http.Timeout = Timeout.InfiniteTimeSpan;
            http.MaxResponseContentBufferSize = ProviderClient.MaxResponseBytes;
        }).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<ProviderClient>();
        services.AddSingleton<FederatedUsers>();
        services.AddSingleton<FederatedCompletion>();
        services.AddSingleton<FederationFlowSeal>();
        services.AddSingleton<Saml.SamlSignIn>();
        services.AddSingleton<SigningCertificates.SamlSigningKeys>();
        services.AddSingleton<IFederatedSignIn, FederatedSignIn>();
    }
}
