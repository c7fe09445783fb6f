using Ninsho.Core;
using Ninsho.Core.Features.WellKnown;

namespace Ninsho.Server.Endpoints;

/// <summary>Per-pool metadata: <c>/{poolId}/.well-known/jwks.json</c> and <c>openid-configuration</c>. With
/// <c>--issuer aws</c> also under the issuer's host and path,
/// <c>/cognito-idp.{region}.amazonaws.com/{poolId}/.well-known/…</c>, so a client that fetches Cognito's URLs finds
/// them by putting this server's URL in front of the issuer's host (docs/compatibility-issuer.md).</summary>
internal static class WellKnownEndpoints
{
    public static void MapWellKnown(this WebApplication app)
    {
        app.MapGet("/{userPoolId}/.well-known/jwks.json", async (string userPoolId, IWellKnownDocuments docs, CancellationToken ct) =>
            await docs.JwksAsync(userPoolId, ct) is { } jwks ? Results.Text(jwks, "application/json") : Results.NotFound());
        app.MapGet("/{userPoolId}/.well-known/openid-configuration", async (string userPoolId, IWellKnownDocuments docs, CancellationToken ct) =>
            await docs.OpenIdConfigurationAsync(userPoolId, ct) is { } config ? Results.Bytes(config, "application/json") : Results.NotFound());

        app.MapGet("/cognito-idp.{region}.amazonaws.com/{userPoolId}/.well-known/jwks.json",
            async (string region, string userPoolId, IIssuerUrls urls, IWellKnownDocuments docs, CancellationToken ct) =>
                IsAwsIssuer(urls, region, userPoolId) && await docs.JwksAsync(userPoolId, ct) is { } jwks
                    ? Results.Text(jwks, "application/json")
                    : Results.NotFound());
        app.MapGet("/cognito-idp.{region}.amazonaws.com/{userPoolId}/.well-known/openid-configuration",
            async (string region, string userPoolId, IIssuerUrls urls, IWellKnownDocuments docs, CancellationToken ct) =>
                IsAwsIssuer(urls, region, userPoolId) && await docs.OpenIdConfigurationAsync(userPoolId, ct) is { } config
                    ? Results.Bytes(config, "application/json")
                    : Results.NotFound());
    }

    /// <summary>Whether the path's host and pool are the issuer the pool's tokens carry (only with <c>--issuer aws</c>,
    /// and only in the pool's own region).</summary>
    private static bool IsAwsIssuer(IIssuerUrls urls, string region, string userPoolId) =>
        urls.AwsIssuer && string.Equals(
            IIssuerUrls.CognitoIssuerFor(userPoolId), $"https://cognito-idp.{region}.amazonaws.com/{userPoolId}", StringComparison.Ordinal);
}
