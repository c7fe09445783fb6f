using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Ninsho.Core.Features.HostedUi;
using Ninsho.Core.Features.Maintenance;
using Ninsho.Core.Security;
using Ninsho.Storage;

namespace Ninsho.Server.Tests.InProcess;

/// <summary>
/// The sweep of expired rows on a node whose clock the test moves: refresh tokens go a day after they expire, and not
/// before, because a revoked refresh token's row is what keeps the access tokens minted from it refused; expired
/// authorization codes go too. Tokens that are still valid are never touched.
/// </summary>
public sealed class ExpiredRowSweeperTests : IAsyncLifetime
{
    private const string Password = "Perm#Pass123";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
    private readonly InProcessServer _server;

    public ExpiredRowSweeperTests() => _server = InProcessServer.With(o => o with { Clock = _clock });

    public ValueTask InitializeAsync() => _server.InitializeAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Does_keep_a_revoked_refresh_token_until_its_access_tokens_have_expired_then_sweeps_it()
    {
        var pool = (await _server.CallAsync("CreateUserPool", new { PoolName = "sweep" })).GetProperty("UserPool").GetProperty("Id").GetString()!;
        var client = (await _server.CallAsync("CreateUserPoolClient", new
        {
            UserPoolId = pool,
            ClientName = "c",
            ExplicitAuthFlows = new[] { "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
            AccessTokenValidity = 1,
            RefreshTokenValidity = 2,
            TokenValidityUnits = new { AccessToken = "days", RefreshToken = "days" },
        })).GetProperty("UserPoolClient").GetProperty("ClientId").GetString()!;
        _ = await _server.CallAsync("AdminCreateUser", new { UserPoolId = pool, Username = "ann", MessageAction = "SUPPRESS" });
        _ = await _server.CallAsync("AdminSetUserPassword", new { UserPoolId = pool, Username = "ann", Password, Permanent = true });

        // An access token minted by a refresh an hour before the refresh token expires outlives it by 23 hours.
        var refreshToken = (await _server.PasswordSignInAsync(client, "ann", Password)).GetProperty("RefreshToken").GetString()!;
        _clock.Advance(TimeSpan.FromHours(47));
        var lateAccess = (await _server.CallAsync("InitiateAuth", new
        {
            ClientId = client,
            AuthFlow = "REFRESH_TOKEN_AUTH",
            AuthParameters = new Dictionary<string, string> { ["REFRESH_TOKEN"] = refreshToken },
        })).GetProperty("AuthenticationResult").GetProperty("AccessToken").GetString()!;
        var kept = await _server.PasswordSignInAsync(client, "ann", Password);
        var keptAccess = kept.GetProperty("AccessToken").GetString()!;
        _ = await _server.CallAsync("RevokeToken", new { ClientId = client, Token = refreshToken });
        await AssertGetUserAsync(lateAccess, "Access Token has been revoked");

        var sweeper = _server.Services.GetRequiredService<ExpiredRowSweeper>();
        var storage = _server.Services.GetRequiredService<INinshoStorage>();
        var code = await StoreCodeAsync(storage, pool);

        // The revoked refresh token has expired, the access token minted from it has not: its row must stay, or
        // that access token would work again. The unredeemed authorization code has expired and goes.
        // (The node's own sweep also wakes when the clock moves, so the test checks what is left, not who deleted it.)
        var tokenRow = TokenHasher.Hash(refreshToken);
        _clock.Advance(TimeSpan.FromHours(2));
        _ = await sweeper.SweepAsync(CancellationToken.None);
        Assert.Null(await storage.PoolResources.FindAsync(pool, AuthorizationCodes.Kind, code, CancellationToken.None));
        Assert.NotNull(await storage.RefreshTokens.FindAsync(tokenRow, CancellationToken.None));
        await AssertGetUserAsync(lateAccess, "Access Token has been revoked");
        await AssertGetUserAsync(keptAccess, null);

        // A day after it expired, every access token minted from it has expired too. The later sign-in's refresh
        // token (sealed: it never had a row) still refreshes.
        _clock.Advance(TimeSpan.FromDays(1));
        _ = await sweeper.SweepAsync(CancellationToken.None);
        Assert.Null(await storage.RefreshTokens.FindAsync(tokenRow, CancellationToken.None));
        await AssertGetUserAsync(lateAccess, "Access Token has expired");
        await AssertGetUserAsync(keptAccess, "Access Token has expired");
        Assert.Equal((0, 0, 0, 0), await sweeper.SweepAsync(CancellationToken.None));
        _ = await _server.CallAsync("InitiateAuth", new
        {
            ClientId = client,
            AuthFlow = "REFRESH_TOKEN_AUTH",
            AuthParameters = new Dictionary<string, string> { ["REFRESH_TOKEN"] = kept.GetProperty("RefreshToken").GetString()! },
        });
    }

    [Fact]
    public async Task Does_purge_each_outbox_message_an_hour_after_the_code_or_password_it_carries_expired()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = (await _server.CallAsync("CreateUserPool", new
        {
            PoolName = "outbox",
            AutoVerifiedAttributes = new[] { "email" },
            Policies = new { PasswordPolicy = new { MinimumLength = 8, TemporaryPasswordValidityDays = 2 } },
        })).GetProperty("UserPool").GetProperty("Id").GetString()!;
        var client = (await _server.CallAsync("CreateUserPoolClient", new { UserPoolId = pool, ClientName = "c" }))
            .GetProperty("UserPoolClient").GetProperty("ClientId").GetString()!;

        // A sign-up code (24 hours), an invitation with a temporary password (the pool's 2 days) and a password-reset
        // code (1 hour).
        _ = await _server.CallAsync("SignUp", new { ClientId = client, Username = "sue", Password, UserAttributes = new[] { Email("sue") } });
        _ = await _server.CallAsync("AdminCreateUser", new { UserPoolId = pool, Username = "ivy", UserAttributes = new[] { Email("ivy") }, DesiredDeliveryMediums = new[] { "EMAIL" } });
        _ = await _server.CallAsync("AdminCreateUser", new
        {
            UserPoolId = pool,
            Username = "ann",
            MessageAction = "SUPPRESS",
            UserAttributes = new[] { Email("ann"), new { Name = "email_verified", Value = "true" } },
        });
        _ = await _server.CallAsync("AdminSetUserPassword", new { UserPoolId = pool, Username = "ann", Password, Permanent = true });
        _ = await _server.CallAsync("ForgotPassword", new { ClientId = client, Username = "ann" });

        var sweeper = _server.Services.GetRequiredService<ExpiredRowSweeper>();
        var storage = _server.Services.GetRequiredService<INinshoStorage>();
        async Task<string[]> LeftAsync(TimeSpan advance)
        {
            _clock.Advance(advance);
            _ = await sweeper.SweepAsync(ct);
            return [.. (await storage.Outbox.ListAsync(pool, null, 100, ct)).Select(m => m.Username!).Order(StringComparer.Ordinal)];
        }

        Assert.Equal(["ann", "ivy", "sue"], await LeftAsync(TimeSpan.Zero));
        Assert.Equal(["ann", "ivy", "sue"], await LeftAsync(TimeSpan.FromMinutes(119)));
        Assert.Equal(["ivy", "sue"], await LeftAsync(TimeSpan.FromMinutes(2)));
        Assert.Equal(["ivy", "sue"], await LeftAsync(TimeSpan.FromHours(23) - TimeSpan.FromMinutes(2)));
        Assert.Equal(["ivy"], await LeftAsync(TimeSpan.FromMinutes(2)));
        Assert.Equal(["ivy"], await LeftAsync(TimeSpan.FromHours(24) - TimeSpan.FromMinutes(2)));
        Assert.Empty(await LeftAsync(TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public async Task Does_purge_outbox_messages_after_the_configured_retention_whatever_they_carry()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = InProcessServer.With(o => o with { Clock = _clock, OutboxRetention = TimeSpan.FromMinutes(30) });
        await server.InitializeAsync();
        var storage = server.Services.GetRequiredService<INinshoStorage>();
        var sweeper = server.Services.GetRequiredService<ExpiredRowSweeper>();
        var now = _clock.GetUtcNow();
        _ = await storage.Outbox.AddAsync(new StoredMessage
        {
            UserPoolId = "us-east-1_retention",
            Recipient = "tim@example.com",
            Medium = "EMAIL",
            Body = "Your temporary password is Temp#1234",
            Code = "Temp#1234",
            CreatedAt = now,
            ExpiresAt = now + TimeSpan.FromDays(7),
        }, ct);

        _clock.Advance(TimeSpan.FromMinutes(29));
        _ = await sweeper.SweepAsync(ct);
        Assert.Single(await storage.Outbox.ListAsync("us-east-1_retention", null, 10, ct));

        _clock.Advance(TimeSpan.FromMinutes(2));
        _ = await sweeper.SweepAsync(ct);
        Assert.Empty(await storage.Outbox.ListAsync("us-east-1_retention", null, 10, ct));
    }

    private static object Email(string user) => new { Name = "email", Value = user + "@example.com" };

    /// <summary>An unredeemed authorization code, stored as the hosted UI stores one (by its hash) five minutes ago.</summary>
    private async Task<string> StoreCodeAsync(INinshoStorage storage, string pool)
    {
        var name = "code-hash-" + Guid.NewGuid().ToString("N");
        var now = _clock.GetUtcNow();
        Assert.Equal(CreateResult.Created, await storage.PoolResources.CreateAsync(
            new StoredPoolResource { UserPoolId = pool, Kind = AuthorizationCodes.Kind, Name = name, BodyJson = "{}", CreatedAt = now, ModifiedAt = now },
            CancellationToken.None));
        return name;
    }

    private async Task AssertGetUserAsync(string accessToken, string? error)
    {
        var (status, body, _) = await _server.PostAsync("AWSCognitoIdentityProviderService.GetUser", JsonSerializer.Serialize(new { AccessToken = accessToken }));
        if (error is null)
        {
            Assert.True(status == 200, $"GetUser: HTTP {status} {body}");
        }
        else
        {
            Assert.True(
                status == 400 && body?.GetProperty("message").GetString() == error,
                $"expected NotAuthorizedException: {error}; got HTTP {status} {body}");
        }
    }
}
