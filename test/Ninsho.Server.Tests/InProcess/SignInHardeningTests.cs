using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Ninsho.Server.Tests.InProcess;

/// <summary>
/// Time-bound sign-in rules on a node whose clock the test moves (no sleeping): challenge sessions last the
/// client's AuthSessionValidity (docs/cognito-behaviour.md#authentication-sessions), failed-attempt lockout (docs/cognito-behaviour.md#lockout-after-failed-sign-ins), and disabled users refused on
/// every flow (docs/cognito-behaviour.md#user-status). Both sides of every limit are checked.
/// </summary>
public sealed class SignInHardeningTests : IAsyncLifetime
{
    private const string Password = "Perm#Pass123";
    private const string Op = "AWSCognitoIdentityProviderService.";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly InProcessServer _server;
    private string _pool = null!;

    public SignInHardeningTests() => _server = InProcessServer.With(o => o with { Clock = _clock });

    public async ValueTask InitializeAsync()
    {
        await _server.InitializeAsync();
        _pool = (await _server.CallAsync("CreateUserPool", new { PoolName = "hardening" })).GetProperty("UserPool").GetProperty("Id").GetString()!;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Theory]
    [InlineData(null, 3)]
    [InlineData(15, 15)]
    public async Task Does_expire_a_challenge_session_after_AuthSessionValidity_minutes(int? validity, int minutes)
    {
        var client = await ClientAsync(validity);
        var lifetime = TimeSpan.FromMinutes(minutes);

        var inTime = await NewPasswordSessionAsync(client, "in-time-" + minutes);
        _clock.Advance(lifetime - TimeSpan.FromSeconds(1));
        Assert.True((await RespondAsync(client, inTime, "in-time-" + minutes)).TryGetProperty("AuthenticationResult", out _));

        var late = await NewPasswordSessionAsync(client, "late-" + minutes);
        _clock.Advance(lifetime);
        await AssertErrorAsync(
            Post("RespondToAuthChallenge", RespondBody(client, late, "late-" + minutes)),
            "NotAuthorizedException", "Invalid session for the user, session is expired.");
    }

    [Fact]
    public async Task Does_lock_out_after_five_failures_doubling_and_forgetting_after_fifteen_quiet_minutes()
    {
        var client = await ClientAsync(null);
        await ConfirmedUserAsync("gus");
        const string Exceeded = "Password attempts exceeded";
        const string Incorrect = "Incorrect username or password.";

        for (var i = 0; i < 5; i++)
        {
            await AssertErrorAsync(SignIn(client, "gus", "Wrong#Pass000"), "NotAuthorizedException", Incorrect);
        }

        // Locked for 2^0 s after the fifth failure, even for the right password.
        await AssertErrorAsync(SignIn(client, "gus", Password), "NotAuthorizedException", Exceeded);
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        await AssertErrorAsync(SignIn(client, "gus", Password), "NotAuthorizedException", Exceeded);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await AssertErrorAsync(SignIn(client, "gus", "Wrong#Pass000"), "NotAuthorizedException", Incorrect);

        // The sixth failure locks for 2 s; attempts during a lockout don't lengthen it.
        _clock.Advance(TimeSpan.FromMilliseconds(1999));
        await AssertErrorAsync(SignIn(client, "gus", Password), "NotAuthorizedException", Exceeded);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await SignedInAsync(SignIn(client, "gus", Password));

        // Five failures again, then 15 quiet minutes: the count starts over, so one more failure doesn't lock.
        for (var i = 0; i < 5; i++)
        {
            await AssertErrorAsync(SignIn(client, "gus", "Wrong#Pass000"), "NotAuthorizedException", Incorrect);
        }

        _clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromMilliseconds(1));
        await AssertErrorAsync(SignIn(client, "gus", "Wrong#Pass000"), "NotAuthorizedException", Incorrect);
        await SignedInAsync(SignIn(client, "gus", Password));
    }

    [Fact]
    public async Task Does_not_write_the_user_when_a_user_without_failures_signs_in_and_still_counts_a_wrong_password()
    {
        // The right password of a user with no failed attempt is checked before anything is counted, so the sign-in
        // writes nothing: the user's last-modified time stays where it was (docs/security-lockout-and-contention.md).
        var client = await ClientAsync(null);
        await ConfirmedUserAsync("hal");
        var before = await LastModifiedAsync("hal");
        _clock.Advance(TimeSpan.FromMinutes(1));
        await SignedInAsync(SignIn(client, "hal", Password));
        Assert.Equal(before, await LastModifiedAsync("hal"));

        // A wrong one is counted after its check: four more are free, the sixth is refused before any check.
        for (var i = 0; i < 5; i++)
        {
            await AssertErrorAsync(SignIn(client, "hal", "Wrong#Pass000"), "NotAuthorizedException", "Incorrect username or password.");
        }

        Assert.NotEqual(before, await LastModifiedAsync("hal"));
        await AssertErrorAsync(SignIn(client, "hal", Password), "NotAuthorizedException", "Password attempts exceeded");
    }

    [Fact]
    public async Task Does_refuse_a_disabled_user_on_every_flow()
    {
        var client = await ClientAsync(null);
        await ConfirmedUserAsync("ned");
        var refresh = (await SignedInAsync(SignIn(client, "ned", Password))).GetProperty("RefreshToken").GetString()!;
        _ = await _server.CallAsync("AdminCreateUser", new { UserPoolId = _pool, Username = "ora", MessageAction = "SUPPRESS", TemporaryPassword = "Temp#Pass123" });
        var session = await NewPasswordSessionAsync(client, "ora", created: true);

        _ = await _server.CallAsync("AdminDisableUser", new { UserPoolId = _pool, Username = "ned" });
        _ = await _server.CallAsync("AdminDisableUser", new { UserPoolId = _pool, Username = "ora" });

        var refreshParameters = new Dictionary<string, string> { ["REFRESH_TOKEN"] = refresh };
        var attempts = new (string Name, Func<Task<(int, JsonElement?, HttpResponseMessage)>> Call)[]
        {
            ("USER_PASSWORD_AUTH", () => SignIn(client, "ned", Password)),
            ("ADMIN_USER_PASSWORD_AUTH", () => Post("AdminInitiateAuth", new { UserPoolId = _pool, ClientId = client, AuthFlow = "ADMIN_USER_PASSWORD_AUTH", AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "ned", ["PASSWORD"] = Password } })),
            ("REFRESH_TOKEN_AUTH", () => Post("InitiateAuth", new { ClientId = client, AuthFlow = "REFRESH_TOKEN_AUTH", AuthParameters = refreshParameters })),
            ("admin REFRESH_TOKEN_AUTH", () => Post("AdminInitiateAuth", new { UserPoolId = _pool, ClientId = client, AuthFlow = "REFRESH_TOKEN_AUTH", AuthParameters = refreshParameters })),
            ("GetTokensFromRefreshToken", () => Post("GetTokensFromRefreshToken", new { ClientId = client, RefreshToken = refresh })),
            ("RespondToAuthChallenge", () => Post("RespondToAuthChallenge", RespondBody(client, session, "ora"))),
            ("AdminRespondToAuthChallenge", () => Post("AdminRespondToAuthChallenge", new { UserPoolId = _pool, ClientId = client, ChallengeName = "NEW_PASSWORD_REQUIRED", Session = session, ChallengeResponses = new Dictionary<string, string> { ["USERNAME"] = "ora", ["NEW_PASSWORD"] = "Next#Pass123" } })),
        };
        foreach (var (name, call) in attempts)
        {
            var (status, body, _) = await call();
            Assert.True(
                status == 400 && body?.GetProperty("__type").GetString() == "NotAuthorizedException" && body?.GetProperty("message").GetString() == "User is disabled.",
                $"{name}: HTTP {status} {body}");
        }

        // Enabled again, both can go on (the challenge session is still within its 3 minutes).
        _ = await _server.CallAsync("AdminEnableUser", new { UserPoolId = _pool, Username = "ned" });
        _ = await _server.CallAsync("AdminEnableUser", new { UserPoolId = _pool, Username = "ora" });
        _ = await SignedInAsync(SignIn(client, "ned", Password));
        Assert.True((await RespondAsync(client, session, "ora")).TryGetProperty("AuthenticationResult", out _));
    }

    private async Task<string> LastModifiedAsync(string username) =>
        (await _server.CallAsync("AdminGetUser", new { UserPoolId = _pool, Username = username })).GetProperty("UserLastModifiedDate").GetRawText();

    private async Task<string> ClientAsync(int? authSessionValidity) =>
        (await _server.CallAsync("CreateUserPoolClient", new
        {
            UserPoolId = _pool,
            ClientName = "c",
            ExplicitAuthFlows = new[] { "ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
            AuthSessionValidity = authSessionValidity,
        })).GetProperty("UserPoolClient").GetProperty("ClientId").GetString()!;

    private async Task ConfirmedUserAsync(string username)
    {
        _ = await _server.CallAsync("AdminCreateUser", new { UserPoolId = _pool, Username = username, MessageAction = "SUPPRESS" });
        _ = await _server.CallAsync("AdminSetUserPassword", new { UserPoolId = _pool, Username = username, Password, Permanent = true });
    }

    private async Task<string> NewPasswordSessionAsync(string client, string username, bool created = false)
    {
        if (!created)
        {
            _ = await _server.CallAsync("AdminCreateUser", new { UserPoolId = _pool, Username = username, MessageAction = "SUPPRESS", TemporaryPassword = "Temp#Pass123" });
        }

        var challenge = await _server.CallAsync("InitiateAuth", new
        {
            ClientId = client,
            AuthFlow = "USER_PASSWORD_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = username, ["PASSWORD"] = "Temp#Pass123" },
        });
        Assert.Equal("NEW_PASSWORD_REQUIRED", challenge.GetProperty("ChallengeName").GetString());
        return challenge.GetProperty("Session").GetString()!;
    }

    private static object RespondBody(string client, string session, string username) => new
    {
        ClientId = client,
        ChallengeName = "NEW_PASSWORD_REQUIRED",
        Session = session,
        ChallengeResponses = new Dictionary<string, string> { ["USERNAME"] = username, ["NEW_PASSWORD"] = "Next#Pass123" },
    };

    private Task<JsonElement> RespondAsync(string client, string session, string username) =>
        _server.CallAsync("RespondToAuthChallenge", RespondBody(client, session, username));

    private Task<(int Status, JsonElement? Body, HttpResponseMessage Response)> SignIn(string client, string username, string password) =>
        Post("InitiateAuth", new
        {
            ClientId = client,
            AuthFlow = "USER_PASSWORD_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = username, ["PASSWORD"] = password },
        });

    private Task<(int Status, JsonElement? Body, HttpResponseMessage Response)> Post(string operation, object body) =>
        _server.PostAsync(Op + operation, JsonSerializer.Serialize(body));

    private static async Task AssertErrorAsync(Task<(int Status, JsonElement? Body, HttpResponseMessage Response)> call, string type, string message)
    {
        var (status, body, _) = await call;
        Assert.True(
            status == 400 && body?.GetProperty("__type").GetString() == type && body?.GetProperty("message").GetString() == message,
            $"expected {type}: {message}; got HTTP {status} {body}");
    }

    private static async Task<JsonElement> SignedInAsync(Task<(int Status, JsonElement? Body, HttpResponseMessage Response)> call)
    {
        var (status, body, _) = await call;
        Assert.True(status == 200, $"expected tokens; got HTTP {status} {body}");
        return body!.Value.GetProperty("AuthenticationResult");
    }
}
