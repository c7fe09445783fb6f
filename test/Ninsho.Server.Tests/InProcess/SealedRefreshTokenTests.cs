using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Ninsho.Core.Security;
using Ninsho.Storage;

namespace Ninsho.Server.Tests.InProcess;

/// <summary>
/// Refresh tokens carry their own state, sealed, so a sign-in stores no row (docs/cognito-behaviour.md#refresh-tokens);
/// the stored random tokens that earlier versions handed out keep working from their rows: they refresh, revoke with
/// their family and take the access tokens minted from them along.
/// </summary>
public sealed class SealedRefreshTokenTests : IAsyncLifetime
{
    private const string Password = "Perm#Pass123";
    private readonly InProcessServer _server = new();

    public ValueTask InitializeAsync() => _server.InitializeAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Does_store_no_row_for_a_sign_in_and_still_refreshes_and_revokes()
    {
        var (_, client) = await PoolAsync();
        var storage = _server.Services.GetRequiredService<INinshoStorage>();
        var token = (await _server.PasswordSignInAsync(client, "ann", Password)).GetProperty("RefreshToken").GetString()!;

        Assert.Null(await storage.RefreshTokens.FindAsync(TokenHasher.Hash(token), CancellationToken.None));
        var access = (await RefreshAsync(client, token)).Body!.Value.GetProperty("AuthenticationResult").GetProperty("AccessToken").GetString()!;
        Assert.Null(await storage.RefreshTokens.FindAsync(TokenHasher.Hash(token), CancellationToken.None));

        // Revoking gives it a row, revoked, and ends the access tokens minted from it.
        _ = await _server.CallAsync("RevokeToken", new { ClientId = client, Token = token });
        Assert.NotNull((await storage.RefreshTokens.FindAsync(TokenHasher.Hash(token), CancellationToken.None))?.RevokedAt);
        await AssertRefusedAsync(RefreshAsync(client, token), "Refresh Token has been revoked");
        await AssertRefusedAsync(GetUserAsync(access), "Access Token has been revoked");
    }

    [Fact]
    public async Task Does_refresh_and_revoke_a_stored_token_of_the_earlier_random_form()
    {
        var (pool, client) = await PoolAsync();
        var storage = _server.Services.GetRequiredService<INinshoStorage>();
        _ = await _server.PasswordSignInAsync(client, "ann", Password);
        var user = await storage.Users.FindAsync(pool, "ann", CancellationToken.None);
        Assert.NotNull(user);

        // As earlier versions made and stored it: the JWE-like header, a dot, 256 random bits; only the hash is kept.
        var token = IdGenerator.RefreshTokenHeader + "." + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = TimeProvider.System.GetUtcNow();
        await storage.RefreshTokens.AddAsync(new StoredRefreshToken
        {
            TokenHash = TokenHasher.Hash(token),
            UserPoolId = pool,
            ClientId = client,
            UsernameKey = user.UsernameKey,
            OriginJti = Guid.NewGuid().ToString(),
            AuthTime = now,
            IssuedAt = now,
            ExpiresAt = now.AddDays(30),
        }, CancellationToken.None);

        var refreshed = await RefreshAsync(client, token);
        Assert.True(refreshed.Status == 200, $"REFRESH_TOKEN_AUTH: HTTP {refreshed.Status} {refreshed.Body}");
        var access = refreshed.Body!.Value.GetProperty("AuthenticationResult").GetProperty("AccessToken").GetString()!;
        Assert.Equal(200, (await GetUserAsync(access)).Status);

        _ = await _server.CallAsync("RevokeToken", new { ClientId = client, Token = token });
        await AssertRefusedAsync(RefreshAsync(client, token), "Refresh Token has been revoked");
        await AssertRefusedAsync(GetUserAsync(access), "Access Token has been revoked");
    }

    private async Task<(string Pool, string Client)> PoolAsync()
    {
        var pool = (await _server.CallAsync("CreateUserPool", new { PoolName = "sealed" })).GetProperty("UserPool").GetProperty("Id").GetString()!;
        var client = (await _server.CallAsync("CreateUserPoolClient", new
        {
            UserPoolId = pool,
            ClientName = "c",
            ExplicitAuthFlows = new[] { "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
        })).GetProperty("UserPoolClient").GetProperty("ClientId").GetString()!;
        _ = await _server.CallAsync("AdminCreateUser", new { UserPoolId = pool, Username = "ann", MessageAction = "SUPPRESS" });
        _ = await _server.CallAsync("AdminSetUserPassword", new { UserPoolId = pool, Username = "ann", Password, Permanent = true });
        return (pool, client);
    }

    private async Task<(int Status, JsonElement? Body)> RefreshAsync(string client, string token)
    {
        var (status, body, _) = await _server.PostAsync("AWSCognitoIdentityProviderService.InitiateAuth", JsonSerializer.Serialize(new
        {
            ClientId = client,
            AuthFlow = "REFRESH_TOKEN_AUTH",
            AuthParameters = new Dictionary<string, string> { ["REFRESH_TOKEN"] = token },
        }));
        return (status, body);
    }

    private async Task<(int Status, JsonElement? Body)> GetUserAsync(string access)
    {
        var (status, body, _) = await _server.PostAsync("AWSCognitoIdentityProviderService.GetUser", JsonSerializer.Serialize(new { AccessToken = access }));
        return (status, body);
    }

    private static async Task AssertRefusedAsync(Task<(int Status, JsonElement? Body)> call, string message)
    {
        var (status, body) = await call;
        Assert.True(status == 400 && body?.GetProperty("message").GetString() == message, $"expected NotAuthorizedException: {message}; got HTTP {status} {body}");
    }
}
