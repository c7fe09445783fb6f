using Ninsho.Core.Features.WellKnown;

namespace Ninsho.Server.Endpoints;

/// <summary>Per-pool metadata: <c>/{poolId}/.well-known/jwks.json</c> and <c>openid-configuration</c>.</summary>
internal static class WellKnownEndpoints
{
    public static void MapWellKnown(this WebApplication app)
    {
        app.MapGet("/{userPoolId}/.well-known/jwks.json", async (string userPoolId, IWellKnownDocuments docs, CancellationToken ct) =>
            await docs.JwksAsync(userPoolId, ct) is { } jwks ? Results.Text(jwks, "application/json") : Results.NotFound());
        app.MapGet("/{userPoolId}/.well-known/openid-configuration", async (string userPoolId, IWellKnownDocuments docs, CancellationToken ct) =>
            await docs.OpenIdConfigurationAsync(userPoolId, ct) is { } config ? Results.Bytes(config, "application/json") : Results.NotFound());
    }
}
