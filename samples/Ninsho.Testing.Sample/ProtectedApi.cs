using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Ninsho.Testing.Sample;

/// <summary>A minimal API that checks Cognito tokens the way a .NET service does, with ASP.NET Core's JwtBearer
/// handler and <c>Authority</c> = the pool's issuer (the handler reads the pool's OpenID configuration and JWKS from
/// Ninsho). Hosted in memory with TestServer; the same code works on Kestrel.
/// <list type="bullet">
/// <item><c>GET /me</c>: an access token of our app client (<c>token_use</c> access, <c>client_id</c>); Cognito's access
/// tokens carry no <c>aud</c>, so the client is checked through the <c>client_id</c> claim;</item>
/// <item><c>GET /profile</c>: an ID token, whose <c>aud</c> is the client id.</item>
/// </list></summary>
public sealed class ProtectedApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProtectedApi(WebApplication app)
    {
        _app = app;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public static async Task<ProtectedApi> StartAsync(string issuer, string clientId)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthentication()
            .AddJwtBearer("access", options =>
            {
                options.Authority = issuer;
                options.RequireHttpsMetadata = false; // Ninsho in a test listens on http://127.0.0.1
                options.MapInboundClaims = false;     // keep Cognito's claim names (sub, username, client_id)
                options.TokenValidationParameters.ValidateAudience = false;
            })
            .AddJwtBearer("id", options =>
            {
                options.Authority = issuer;
                options.RequireHttpsMetadata = false;
                options.MapInboundClaims = false;
                options.TokenValidationParameters.ValidAudience = clientId;
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy("access", policy => policy
                .AddAuthenticationSchemes("access")
                .RequireClaim("token_use", "access")
                .RequireClaim("client_id", clientId))
            .AddPolicy("id", policy => policy
                .AddAuthenticationSchemes("id")
                .RequireClaim("token_use", "id"));

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/me", (ClaimsPrincipal user) => Results.Text(user.FindFirstValue("username"))).RequireAuthorization("access");
        app.MapGet("/profile", (ClaimsPrincipal user) => Results.Text(user.FindFirstValue("email"))).RequireAuthorization("id");
        await app.StartAsync();
        return new ProtectedApi(app);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
