using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Ninsho.Server.Tests.InProcess;

/// <summary>
/// Issue 4's time limits on a node whose clock the test moves, over the JSON wire: a temporary password lasts the
/// pool's TemporaryPasswordValidityDays (docs/cognito-behaviour.md#admincreateuser-and-temporary-passwords), and a user may ask for at most 5 codes per purpose in
/// any hour (ForgotPassword, ResendConfirmationCode, GetUserAttributeVerificationCode; docs/cognito-behaviour.md#codes-sign-up-and-password-reset). Both sides of every
/// limit are checked, and a refused request sends nothing.
/// </summary>
public sealed class TimeBoundLifecycleTests : IAsyncLifetime
{
    private const string Password = "Perm#Pass123";
    private const string Op = "AWSCognitoIdentityProviderService.";
    private const string AttemptLimit = "Attempt limit exceeded, please try after some time.";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly InProcessServer _server;

    public TimeBoundLifecycleTests() => _server = InProcessServer.With(o => o with { Clock = _clock });

    public ValueTask InitializeAsync() => _server.InitializeAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Theory]
    [InlineData(null, 7)]
    [InlineData(0, 7)]
    [InlineData(2, 2)]
    public async Task Does_expire_a_temporary_password_after_TemporaryPasswordValidityDays(int? validityDays, int days)
    {
        var policy = new Dictionary<string, object> { ["MinimumLength"] = 8 };
        if (validityDays is { } v)
        {
            policy["TemporaryPasswordValidityDays"] = v;
        }

        var pool = await PoolAsync(new { PoolName = "temp", Policies = new { PasswordPolicy = policy } });
        var client = await ClientAsync(pool);
        _ = await _server.CallAsync("AdminCreateUser", new { UserPoolId = pool, Username = "tia", MessageAction = "SUPPRESS", TemporaryPassword = "Temp#Pass123" });

        _clock.Advance(TimeSpan.FromDays(days) - TimeSpan.FromSeconds(1));
        Assert.Equal("NEW_PASSWORD_REQUIRED", (await SignInOkAsync(client, "tia", "Temp#Pass123")).GetProperty("ChallengeName").GetString());
        _clock.Advance(TimeSpan.FromSeconds(2));
        await AssertErrorAsync(SignIn(client, "tia", "Temp#Pass123"), "NotAuthorizedException", "Temporary password has expired and must be reset by an administrator.");

        // RESEND gives a new temporary password with a fresh validity; the old one no longer signs in.
        _ = await _server.CallAsync("AdminCreateUser", new { UserPoolId = pool, Username = "tia", MessageAction = "RESEND", TemporaryPassword = "Temp#Pass456" });
        await AssertErrorAsync(SignIn(client, "tia", "Temp#Pass123"), "NotAuthorizedException", "Incorrect username or password.");
        _clock.Advance(TimeSpan.FromDays(days) - TimeSpan.FromSeconds(1));
        Assert.Equal("NEW_PASSWORD_REQUIRED", (await SignInOkAsync(client, "tia", "Temp#Pass456")).GetProperty("ChallengeName").GetString());

        // A permanent password never expires this way.
        _ = await _server.CallAsync("AdminSetUserPassword", new { UserPoolId = pool, Username = "tia", Password, Permanent = true });
        _clock.Advance(TimeSpan.FromDays(days + 30));
        Assert.True((await SignInOkAsync(client, "tia", Password)).TryGetProperty("AuthenticationResult", out _));
    }

    [Fact]
    public async Task Does_limit_ForgotPassword_to_five_per_user_in_any_hour()
    {
        var pool = await PoolAsync(new { PoolName = "forgot", AutoVerifiedAttributes = new[] { "email" } });
        var client = await ClientAsync(pool);
        await ConfirmedUserAsync(pool, "fay", "fay@example.com");
        await ConfirmedUserAsync(pool, "gil", "gil@example.com");
        var forgot = (string user) => Post("ForgotPassword", new { ClientId = client, Username = user });

        for (var i = 0; i < 5; i++)
        {
            await OkAsync(forgot("fay"));
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        await AssertErrorAsync(forgot("fay"), "LimitExceededException", AttemptLimit);
        Assert.Equal(5, await OutboxCountAsync(pool, "fay@example.com"));
        await OkAsync(forgot("gil"));

        // The window slides: an hour after the first request, one more is allowed, then none.
        _clock.Advance(TimeSpan.FromMinutes(55) - TimeSpan.FromMilliseconds(1));
        await AssertErrorAsync(forgot("fay"), "LimitExceededException", AttemptLimit);
        _clock.Advance(TimeSpan.FromMilliseconds(2));
        await OkAsync(forgot("fay"));
        await AssertErrorAsync(forgot("fay"), "LimitExceededException", AttemptLimit);
        Assert.Equal(6, await OutboxCountAsync(pool, "fay@example.com"));
    }

    [Fact]
    public async Task Does_limit_ResendConfirmationCode_and_GetUserAttributeVerificationCode_to_five_per_hour()
    {
        var pool = await PoolAsync(new { PoolName = "resend", AutoVerifiedAttributes = new[] { "email" } });
        var client = await ClientAsync(pool);
        _ = await _server.CallAsync("SignUp", new
        {
            ClientId = client,
            Username = "sam",
            Password,
            UserAttributes = new[] { new { Name = "email", Value = "sam@example.com" } },
        });
        for (var i = 0; i < 5; i++)
        {
            await OkAsync(Post("ResendConfirmationCode", new { ClientId = client, Username = "sam" }));
        }

        await AssertErrorAsync(Post("ResendConfirmationCode", new { ClientId = client, Username = "sam" }), "LimitExceededException", AttemptLimit);
        Assert.Equal(6, await OutboxCountAsync(pool, "sam@example.com")); // the sign-up code and five resends

        await ConfirmedUserAsync(pool, "vic", "vic@example.com");
        var token = (await SignInOkAsync(client, "vic", Password)).GetProperty("AuthenticationResult").GetProperty("AccessToken").GetString()!;
        for (var i = 0; i < 5; i++)
        {
            await OkAsync(Post("GetUserAttributeVerificationCode", new { AccessToken = token, AttributeName = "email" }));
        }

        await AssertErrorAsync(Post("GetUserAttributeVerificationCode", new { AccessToken = token, AttributeName = "email" }), "LimitExceededException", AttemptLimit);
        _clock.Advance(TimeSpan.FromMinutes(59));
        await AssertErrorAsync(Post("ResendConfirmationCode", new { ClientId = client, Username = "sam" }), "LimitExceededException", AttemptLimit);
        _clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromMilliseconds(1));
        await OkAsync(Post("ResendConfirmationCode", new { ClientId = client, Username = "sam" }));
    }

    private async Task<string> PoolAsync(object body) =>
        (await _server.CallAsync("CreateUserPool", body)).GetProperty("UserPool").GetProperty("Id").GetString()!;

    private async Task<string> ClientAsync(string pool) =>
        (await _server.CallAsync("CreateUserPoolClient", new
        {
            UserPoolId = pool,
            ClientName = "c",
            ExplicitAuthFlows = new[] { "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
        })).GetProperty("UserPoolClient").GetProperty("ClientId").GetString()!;

    private async Task ConfirmedUserAsync(string pool, string username, string email)
    {
        _ = await _server.CallAsync("AdminCreateUser", new
        {
            UserPoolId = pool,
            Username = username,
            MessageAction = "SUPPRESS",
            UserAttributes = new[] { new { Name = "email", Value = email }, new { Name = "email_verified", Value = "true" } },
        });
        _ = await _server.CallAsync("AdminSetUserPassword", new { UserPoolId = pool, Username = username, Password, Permanent = true });
    }

    private async Task<int> OutboxCountAsync(string pool, string recipient)
    {
        var url = new Uri(_server.BaseUrl, $"/_ninsho/outbox?pool={Uri.EscapeDataString(pool)}&recipient={Uri.EscapeDataString(recipient)}");
        using var response = await _server.Http.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"outbox: HTTP {(int)response.StatusCode}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("Messages").GetArrayLength();
    }

    private Task<JsonElement> SignInOkAsync(string client, string username, string password) =>
        _server.CallAsync("InitiateAuth", SignInBody(client, username, password));

    private Task<(int Status, JsonElement? Body, HttpResponseMessage Response)> SignIn(string client, string username, string password) =>
        Post("InitiateAuth", SignInBody(client, username, password));

    private static object SignInBody(string client, string username, string password) => new
    {
        ClientId = client,
        AuthFlow = "USER_PASSWORD_AUTH",
        AuthParameters = new Dictionary<string, string> { ["USERNAME"] = username, ["PASSWORD"] = password },
    };

    private Task<(int Status, JsonElement? Body, HttpResponseMessage Response)> Post(string operation, object body) =>
        _server.PostAsync(Op + operation, JsonSerializer.Serialize(body));

    private static async Task OkAsync(Task<(int Status, JsonElement? Body, HttpResponseMessage Response)> call)
    {
        var (status, body, _) = await call;
        Assert.True(status == 200, $"expected success; got HTTP {status} {body}");
    }

    private static async Task AssertErrorAsync(Task<(int Status, JsonElement? Body, HttpResponseMessage Response)> call, string type, string message)
    {
        var (status, body, _) = await call;
        Assert.True(
            status == 400 && body?.GetProperty("__type").GetString() == type && body?.GetProperty("message").GetString() == message,
            $"expected {type}: {message}; got HTTP {status} {body}");
    }
}
