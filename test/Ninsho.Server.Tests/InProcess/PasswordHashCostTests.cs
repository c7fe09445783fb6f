using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Ninsho.Core.Security;
using Ninsho.Server.Hosting;

namespace Ninsho.Server.Tests.InProcess;

/// <summary>
/// What a password sign-in costs, counted instead of timed: where the answer must not tell an unknown user from a
/// known one (PreventUserExistenceErrors ENABLED, and the hosted UI always), an unknown user costs exactly the one
/// password verification a known user with a wrong password costs. And the hashing gate's queue is bounded: past
/// it, sign-ins answer TooManyRequestsException at once (docs/security-timing-and-srp.md).
/// </summary>
public sealed partial class PasswordHashCostTests
{
    private const string Password = "Perm#Pass123";
    private const string Wrong = "Wrong#Pass123";
    private const string Op = "AWSCognitoIdentityProviderService.";
    private const string Callback = "https://app.example.com/callback";

    [Fact]
    public async Task Does_spend_one_verification_on_an_unknown_user_where_existence_is_hidden()
    {
        await using var server = await StartAsync(o => o);
        var pool = (await server.CallAsync("CreateUserPool", new { PoolName = "cost" })).GetProperty("UserPool").GetProperty("Id").GetString()!;
        var legacy = await ClientAsync(server, pool, "LEGACY");
        var enabled = await ClientAsync(server, pool, "ENABLED");
        _ = await server.CallAsync("AdminCreateUser", new { UserPoolId = pool, Username = "kim", MessageAction = "SUPPRESS" });
        _ = await server.CallAsync("AdminSetUserPassword", new { UserPoolId = pool, Username = "kim", Password, Permanent = true });
        _ = await server.CallAsync("SignUp", new { ClientId = enabled, Username = "una", Password });
        var hasher = server.Services.GetRequiredService<PasswordHasher>();

        async Task<long> VerificationsOfAsync(string client, string username, string type)
        {
            var before = hasher.Verifications;
            var (status, body, _) = await server.PostAsync(Op + "InitiateAuth", JsonSerializer.Serialize(new
            {
                ClientId = client,
                AuthFlow = "USER_PASSWORD_AUTH",
                AuthParameters = new Dictionary<string, string> { ["USERNAME"] = username, ["PASSWORD"] = Wrong },
            }));
            Assert.True(status == 400 && body?.GetProperty("__type").GetString() == type, $"{username}: HTTP {status} {body}");
            return hasher.Verifications - before;
        }

        Assert.Equal(1, await VerificationsOfAsync(enabled, "kim", "NotAuthorizedException"));
        Assert.Equal(1, await VerificationsOfAsync(enabled, "nobody", "NotAuthorizedException"));
        Assert.Equal(1, await VerificationsOfAsync(enabled, "una", "NotAuthorizedException"));
        Assert.Equal(1, await VerificationsOfAsync(legacy, "kim", "NotAuthorizedException"));

        // LEGACY names the missing user in the answer itself, so there is nothing for the timing to hide.
        Assert.Equal(0, await VerificationsOfAsync(legacy, "nobody", "UserNotFoundException"));

        // The hosted UI never tells a missing user apart, whatever the client's setting: not by time either.
        var hosted = await ClientAsync(server, pool, "LEGACY", hostedUi: true);
        foreach (var username in new[] { "kim", "nobody" })
        {
            var before = hasher.Verifications;
            var page = await PostLoginAsync(server, hosted, username, Wrong);
            Assert.Contains("Incorrect username or password.", page, StringComparison.Ordinal);
            Assert.Equal(1, hasher.Verifications - before);
        }
    }

    [Fact]
    public async Task Does_answer_TooManyRequestsException_beyond_the_hash_queue_and_sign_in_the_admitted()
    {
        // One waiting place beside the one running per core, and hashes slow enough that a burst arrives while
        // the first admitted are still hashing.
        await using var server = await StartAsync(o => o with { PasswordHashIterations = 400_000, PasswordHashQueue = 1 });
        var pool = (await server.CallAsync("CreateUserPool", new { PoolName = "flood" })).GetProperty("UserPool").GetProperty("Id").GetString()!;
        var client = await ClientAsync(server, pool, "ENABLED");
        // One user each: sign-ins of one user take turns (SignInLockout), so only different users meet at the gate.
        var users = Enumerable.Range(0, 4 * (Environment.ProcessorCount + 1)).Select(i => "fay" + i).ToList();
        foreach (var user in users)
        {
            _ = await server.CallAsync("AdminCreateUser", new { UserPoolId = pool, Username = user, MessageAction = "SUPPRESS" });
            _ = await server.CallAsync("AdminSetUserPassword", new { UserPoolId = pool, Username = user, Password, Permanent = true });
        }

        string Body(string user) => JsonSerializer.Serialize(new
        {
            ClientId = client,
            AuthFlow = "USER_PASSWORD_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = user, ["PASSWORD"] = Password },
        });
        var answers = await Task.WhenAll(users
            .Select(user => Task.Run(() => server.PostAsync(Op + "InitiateAuth", Body(user)), TestContext.Current.CancellationToken)));

        Assert.All(answers, a => Assert.True(a.Status < 500, $"HTTP {a.Status} {a.Body}"));
        var refused = answers.Where(a => a.Status == 400).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, a => Assert.Equal(
            ("TooManyRequestsException", "Rate exceeded"),
            (a.Body?.GetProperty("__type").GetString(), a.Body?.GetProperty("message").GetString())));
        var admitted = answers.Where(a => a.Status == 200).ToList();
        Assert.NotEmpty(admitted);
        Assert.All(admitted, a => Assert.True(a.Body!.Value.GetProperty("AuthenticationResult").TryGetProperty("AccessToken", out _)));

        // Once the burst is over the gate is free again.
        var (status, after, _) = await server.PostAsync(Op + "InitiateAuth", Body(users[0]));
        Assert.True(status == 200, $"after the burst: HTTP {status} {after}");
    }

    private static async Task<InProcessServer> StartAsync(Func<NinshoServerOptions, NinshoServerOptions> configure)
    {
        var server = InProcessServer.With(configure);
        await server.InitializeAsync();
        return server;
    }

    private static async Task<string> ClientAsync(InProcessServer server, string pool, string existenceErrors, bool hostedUi = false) =>
        (await server.CallAsync("CreateUserPoolClient", new
        {
            UserPoolId = pool,
            ClientName = "c",
            ExplicitAuthFlows = new[] { "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
            PreventUserExistenceErrors = existenceErrors,
            AllowedOAuthFlows = hostedUi ? new[] { "code" } : null,
            AllowedOAuthScopes = hostedUi ? new[] { "openid" } : null,
            AllowedOAuthFlowsUserPoolClient = hostedUi ? true : (bool?)null,
            CallbackURLs = hostedUi ? new[] { Callback } : null,
            SupportedIdentityProviders = hostedUi ? new[] { "COGNITO" } : null,
        })).GetProperty("UserPoolClient").GetProperty("ClientId").GetString()!;

    /// <summary>The login page as a browser posts it (page cookie and form field), returning the page answered.</summary>
    private static async Task<string> PostLoginAsync(InProcessServer server, string clientId, string username, string password)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = server.BaseUrl };
        var path = $"/login?response_type=code&client_id={clientId}&redirect_uri={Uri.EscapeDataString(Callback)}";
        var page = await browser.GetStringAsync(path);
        var csrf = CsrfField().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent([
            KeyValuePair.Create("username", username), KeyValuePair.Create("password", password), KeyValuePair.Create("_csrf", csrf)]);
        using var response = await browser.PostAsync(path, form);
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("name=\"_csrf\" value=\"([^\"]*)\"")]
    private static partial Regex CsrfField();
}
