using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Ninsho.Core;

namespace Ninsho.Server.Hosting;

/// <summary>Pools live at <c>{public url}/{pool id}</c>; without a public URL, the address the server listens on.
/// Tokens carry that URL as their issuer, or Cognito's own with <c>--issuer aws</c>.</summary>
internal sealed class ServerIssuerUrls(NinshoServerOptions options, IServer server) : IIssuerUrls
{
    private string? _base;

    public bool AwsIssuer => options.AwsIssuer;

    public string PublicBaseUrl => _base ??= options.PublicUrl?.TrimEnd('/')
        ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.TrimEnd('/')
        ?? options.EffectivePublicUrl;
}
