using System.Text.Json;
using Ninsho.Server.Hosting;
using Ninsho.Storage.Tests;

namespace Ninsho.Server.Tests.InProcess;

/// <summary>Two nodes on one PostgreSQL database behave as one server: no state lives in a node.
/// Skipped locally without <c>NINSHO_TEST_PG</c>; on CI (<c>CI=true</c>) a missing database fails.</summary>
public sealed class MultiNodePostgreSqlTests
{
    [Fact]
    public async Task Does_serve_one_directory_from_any_node_when_nodes_share_postgresql()
    {
        await using var database = new PostgreSqlTestDatabase();
        await database.InitializeAsync();
        var connection = database.ConnectionStringOrSkip();

        Func<NinshoServerOptions, NinshoServerOptions> shared = o => o with { PostgresConnectionString = connection, PublicUrl = "http://ninsho.test" };
        await using var a = InProcessServer.With(shared);
        await using var b = InProcessServer.With(shared);
        await a.InitializeAsync();
        await b.InitializeAsync();

        var pool = (await a.CallAsync("CreateUserPool", new { PoolName = "shared" })).GetProperty("UserPool").GetProperty("Id").GetString();
        var client = (await b.CallAsync("CreateUserPoolClient", new
        {
            UserPoolId = pool,
            ClientName = "app",
            ExplicitAuthFlows = new[] { "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
        })).GetProperty("UserPoolClient").GetProperty("ClientId").GetString();
        await a.CallAsync("AdminCreateUser", new { UserPoolId = pool, Username = "alice", TemporaryPassword = "Temp-Pass1!", MessageAction = "SUPPRESS" });

        // The challenge is issued by node B and answered on node A.
        var challenge = await b.CallAsync("AdminInitiateAuth", new
        {
            UserPoolId = pool,
            ClientId = client,
            AuthFlow = "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "alice", ["PASSWORD"] = "Temp-Pass1!" },
        });
        Assert.Equal("NEW_PASSWORD_REQUIRED", challenge.GetProperty("ChallengeName").GetString());
        var tokens = await a.CallAsync("AdminRespondToAuthChallenge", new
        {
            UserPoolId = pool,
            ClientId = client,
            ChallengeName = "NEW_PASSWORD_REQUIRED",
            Session = challenge.GetProperty("Session").GetString(),
            ChallengeResponses = new Dictionary<string, string> { ["USERNAME"] = "alice", ["NEW_PASSWORD"] = "Final-Pass1!" },
        });
        var access = tokens.GetProperty("AuthenticationResult").GetProperty("AccessToken").GetString();

        // A token minted by A is accepted by B, and both publish the same keys.
        var user = await b.CallAsync("GetUser", new { AccessToken = access });
        Assert.Equal("alice", user.GetProperty("Username").GetString());
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(
            await a.Http.GetStringAsync(new Uri(a.BaseUrl, $"/{pool}/.well-known/jwks.json"), ct),
            await b.Http.GetStringAsync(new Uri(b.BaseUrl, $"/{pool}/.well-known/jwks.json"), ct));

        // A sign-out on B revokes on A.
        await b.CallAsync("GlobalSignOut", new { AccessToken = access });
        var (status, error, _) = await a.PostAsync("AWSCognitoIdentityProviderService.GetUser", JsonSerializer.Serialize(new { AccessToken = access }));
        Assert.Equal(400, status);
        Assert.Equal("NotAuthorizedException", error?.GetProperty("__type").GetString());

        // Concurrent creates of one username across both nodes: exactly one wins.
        var attempts = Enumerable.Range(0, 16).Select(i => (i % 2 == 0 ? a : b).PostAsync(
            "AWSCognitoIdentityProviderService.AdminCreateUser",
            JsonSerializer.Serialize(new { UserPoolId = pool, Username = "bob", MessageAction = "SUPPRESS" })));
        var results = await Task.WhenAll(attempts);
        Assert.Equal(1, results.Count(r => r.Status == 200));
        Assert.All(results.Where(r => r.Status != 200), r => Assert.Equal("UsernameExistsException", r.Body?.GetProperty("__type").GetString()));
    }

    /// <summary>Nodes keep parsed copies of pools, clients and verified token signatures, but every request checks
    /// them against the database: what one node changes, the other follows on its next request.</summary>
    [Fact]
    public async Task Does_follow_at_once_on_one_node_what_another_node_changed()
    {
        await using var database = new PostgreSqlTestDatabase();
        await database.InitializeAsync();
        var connection = database.ConnectionStringOrSkip();

        Func<NinshoServerOptions, NinshoServerOptions> shared = o => o with { PostgresConnectionString = connection, PublicUrl = "http://ninsho.test" };
        await using var a = InProcessServer.With(shared);
        await using var b = InProcessServer.With(shared);
        await a.InitializeAsync();
        await b.InitializeAsync();
        var pool = (await a.CallAsync("CreateUserPool", new { PoolName = "shared" })).GetProperty("UserPool").GetProperty("Id").GetString();
        var client = (await a.CallAsync("CreateUserPoolClient", new
        {
            UserPoolId = pool,
            ClientName = "app",
            ExplicitAuthFlows = new[] { "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
        })).GetProperty("UserPoolClient").GetProperty("ClientId").GetString();
        await a.CallAsync("AdminCreateUser", new { UserPoolId = pool, Username = "alice", MessageAction = "SUPPRESS" });
        await a.CallAsync("AdminSetUserPassword", new { UserPoolId = pool, Username = "alice", Password = "Final-Pass1!", Permanent = true });
        var signIn = new
        {
            AuthFlow = "USER_PASSWORD_AUTH",
            ClientId = client,
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "alice", ["PASSWORD"] = "Final-Pass1!" },
        };
        var adminGet = new { UserPoolId = pool, Username = "alice" };

        // Node B parses the pool and the client, and verifies the access token's signature.
        var access = (await b.CallAsync("InitiateAuth", signIn)).GetProperty("AuthenticationResult").GetProperty("AccessToken").GetString();
        Assert.Equal("alice", (await b.CallAsync("GetUser", new { AccessToken = access })).GetProperty("Username").GetString());
        Assert.True((await b.CallAsync("AdminGetUser", adminGet)).GetProperty("Enabled").GetBoolean());

        // The pool changed on A: B's next sign-in follows the new configuration.
        await a.CallAsync("SetUserPoolMfaConfig", new { UserPoolId = pool, MfaConfiguration = "ON", SoftwareTokenMfaConfiguration = new { Enabled = true } });
        Assert.Equal("MFA_SETUP", (await b.CallAsync("InitiateAuth", signIn)).GetProperty("ChallengeName").GetString());

        // The user disabled on A: B shows it disabled and refuses the token it accepted a moment ago.
        await a.CallAsync("AdminDisableUser", adminGet);
        Assert.False((await b.CallAsync("AdminGetUser", adminGet)).GetProperty("Enabled").GetBoolean());
        var (status, error, _) = await b.PostAsync("AWSCognitoIdentityProviderService.GetUser", JsonSerializer.Serialize(new { AccessToken = access }));
        Assert.Equal((400, "NotAuthorizedException"), (status, error?.GetProperty("__type").GetString()));

        // The pool deleted on A: B no longer knows it, for admin calls or tokens.
        await a.CallAsync("DeleteUserPool", new { UserPoolId = pool });
        (status, error, _) = await b.PostAsync("AWSCognitoIdentityProviderService.AdminGetUser", JsonSerializer.Serialize(adminGet));
        Assert.Equal((400, "ResourceNotFoundException"), (status, error?.GetProperty("__type").GetString()));
        (status, error, _) = await b.PostAsync("AWSCognitoIdentityProviderService.GetUser", JsonSerializer.Serialize(new { AccessToken = access }));
        Assert.Equal((400, "NotAuthorizedException"), (status, error?.GetProperty("__type").GetString()));
    }
}
