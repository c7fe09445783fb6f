using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Ninsho.Core;

namespace Ninsho.Server.Hosting;

/// <summary>Issuers are <c>{public url}/{pool id}</c>; without a public URL, the address the server listens on.</summary>
internal sealed class ServerIssuerUrls(NinshoServerOptions options, IServer server) : IIssuerUrls
{
    private string? _base;

    public string IssuerFor(string userPoolId) => BaseUrl + "/" + userPoolId;

    private string BaseUrl => _base ??= options.PublicUrl?.TrimEnd('/')
        ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.TrimEnd('/')
        ?? options.EffectivePublicUrl;
}
