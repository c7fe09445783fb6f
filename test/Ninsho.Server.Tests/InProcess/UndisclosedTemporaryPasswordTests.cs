using System.Text.Json;

namespace Ninsho.Server.Tests.InProcess;

/// <summary>AdminCreateUser with SUPPRESS and no TemporaryPassword generates a password nobody is told: the user
/// can't sign in with any password until an administrator sets one (and then can).</summary>
public sealed class UndisclosedTemporaryPasswordTests : IClassFixture<InProcessServer>
{
    private readonly InProcessServer _server;

    public UndisclosedTemporaryPasswordTests(InProcessServer server) => _server = server;

    [Fact]
    public async Task Does_refuse_every_password_until_one_is_set_when_the_generated_one_was_suppressed()
    {
        var pool = (await _server.CallAsync("CreateUserPool", new { PoolName = "p" })).GetProperty("UserPool").GetProperty("Id").GetString();
        var client = (await _server.CallAsync("CreateUserPoolClient", new
        {
            UserPoolId = pool,
            ClientName = "c",
            ExplicitAuthFlows = new[] { "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
        })).GetProperty("UserPoolClient").GetProperty("ClientId").GetString();
        var created = await _server.CallAsync("AdminCreateUser", new { UserPoolId = pool, Username = "carol", MessageAction = "SUPPRESS" });
        Assert.Equal("FORCE_CHANGE_PASSWORD", created.GetProperty("User").GetProperty("UserStatus").GetString());

        var (status, error, _) = await _server.PostAsync("AWSCognitoIdentityProviderService.InitiateAuth", JsonSerializer.Serialize(new
        {
            ClientId = client,
            AuthFlow = "USER_PASSWORD_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "carol", ["PASSWORD"] = "Guess-Pass1!" },
        }));
        Assert.Equal(400, status);
        Assert.Equal("Incorrect username or password.", error?.GetProperty("message").GetString());

        await _server.CallAsync("AdminSetUserPassword", new { UserPoolId = pool, Username = "carol", Password = "Chosen-Pass1!", Permanent = true });
        var signedIn = await _server.CallAsync("InitiateAuth", new
        {
            ClientId = client,
            AuthFlow = "USER_PASSWORD_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "carol", ["PASSWORD"] = "Chosen-Pass1!" },
        });
        Assert.True(signedIn.GetProperty("AuthenticationResult").TryGetProperty("AccessToken", out _));
    }
}
