using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>
/// <c>serve --log-format json</c> (docs/operations.md#logs): every stdout line is a JSON object, each API call logs
/// one <c>request</c> event whose request id is the one the call answered, and no password, code, token or client
/// secret ever reaches the log.
/// </summary>
public sealed class JsonLogTests
{
    private const string TemporaryPassword = "Temp#Log1234xq";
    private const string Password = "Perm#Log5678zw";
    private const string WrongPassword = "Wrong#Log9012vy";
    private const string SignUpPassword = "SignUp#Log3456ut";

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_write_one_json_request_event_per_call_with_the_answered_request_id_and_no_secret()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await NinshoProcess.StartAsync(ct, "--log-format", "json");
        using var raw = new RawCognito(server.BaseUrl);
        var calls = new List<(string Operation, RawResponse Response, string? Pool)>();
        async Task<RawResponse> CallAsync(string operation, string body, string? pool)
        {
            var response = await raw.IdpAsync(operation, body, ct);
            calls.Add((operation, response, pool));
            return response;
        }

        var poolId = (await CallAsync("CreateUserPool", """{"PoolName":"jsonlog","AutoVerifiedAttributes":["email"]}""", null)).Json!.RootElement.Prop("UserPool").Str("Id");
        var client = (await CallAsync("CreateUserPoolClient",
            $$"""{"UserPoolId":"{{poolId}}","ClientName":"app","GenerateSecret":true,"ExplicitAuthFlows":["ALLOW_USER_PASSWORD_AUTH","ALLOW_REFRESH_TOKEN_AUTH"]}""", poolId))
            .Json!.RootElement.Prop("UserPoolClient");
        var clientId = client.Str("ClientId");
        var clientSecret = client.Str("ClientSecret");

        var created = await CallAsync("AdminCreateUser", $$"""{"UserPoolId":"{{poolId}}","Username":"alice","TemporaryPassword":"{{TemporaryPassword}}","MessageAction":"SUPPRESS"}""", poolId);
        Assert.True(created.Status == HttpStatusCode.OK, created.Describe());
        var set = await CallAsync("AdminSetUserPassword", $$"""{"UserPoolId":"{{poolId}}","Username":"alice","Password":"{{Password}}","Permanent":true}""", poolId);
        Assert.True(set.Status == HttpStatusCode.OK, set.Describe());
        var signedIn = await CallAsync("InitiateAuth", SignIn(clientId, clientSecret, "alice", Password), null);
        Assert.True(signedIn.Status == HttpStatusCode.OK, signedIn.Describe());
        var tokens = signedIn.Json!.RootElement.Prop("AuthenticationResult");
        var refused = await CallAsync("InitiateAuth", SignIn(clientId, clientSecret, "alice", WrongPassword), null);
        Assert.Equal("NotAuthorizedException", refused.ErrorType);

        var signedUp = await CallAsync("SignUp",
            $$"""{"ClientId":"{{clientId}}","SecretHash":"{{SecretHash(clientSecret, clientId, "bob")}}","Username":"bob","Password":"{{SignUpPassword}}","UserAttributes":[{"Name":"email","Value":"bob@example.test"}]}""", null);
        Assert.True(signedUp.Status == HttpStatusCode.OK, signedUp.Describe());
        var (code, _, _) = await MfaSteps.LastCodeAsync(raw, poolId, "bob@example.test", ct);
        var confirmed = await CallAsync("ConfirmSignUp",
            $$"""{"ClientId":"{{clientId}}","SecretHash":"{{SecretHash(clientSecret, clientId, "bob")}}","Username":"bob","ConfirmationCode":"{{code}}"}""", null);
        Assert.True(confirmed.Status == HttpStatusCode.OK, confirmed.Describe());

        var jwks = await raw.GetAsync($"/{poolId}/.well-known/jwks.json", ct);
        Assert.True(jwks.Status == HttpStatusCode.OK, jwks.Describe());
        calls.Add(("GET /{userPoolId}/.well-known/jwks.json", jwks, poolId));

        // The console logger writes from its own queue: wait until the last call's event is out.
        var lastId = calls[^1].Response.Headers["x-amzn-RequestId"];
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!server.RecentOutput.Contains(lastId, StringComparison.Ordinal) && waited.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(50, ct);
        }

        var output = server.RecentOutput;
        var stdout = output.Split('\n').Where(l => !l.StartsWith("[stderr] ", StringComparison.Ordinal) && l.Length > 0).ToList();
        var events = new List<JsonElement>();
        foreach (var line in stdout)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                throw new InvalidOperationException($"not a JSON line: {line}\nOutput:\n{output}", e);
            }

            var root = document.RootElement;
            Assert.True(root.ValueKind == JsonValueKind.Object, line);
            Assert.True(root.TryGetProperty("Timestamp", out _), $"no Timestamp: {line}");
            Assert.True(root.TryGetProperty("LogLevel", out _), $"no LogLevel: {line}");
            if (root.TryGetProperty("State", out var state) && state.TryGetProperty("Event", out var kind) && kind.GetString() == "request")
            {
                events.Add(root);
            }
        }

        foreach (var (operation, response, pool) in calls)
        {
            var id = response.Headers["x-amzn-RequestId"];
            var matching = events.Where(e => e.Prop("State").Str("RequestId") == id).ToList();
            Assert.True(matching.Count == 1, $"{operation}: {matching.Count} request events with id {id}\nOutput:\n{output}");
            var state = matching[0].Prop("State");
            Assert.Equal(operation, state.Str("Operation"));
            Assert.Equal(response.ErrorType ?? "ok", state.Str("Outcome"));
            Assert.Equal(response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), state.Prop("Status").ToString());
            Assert.Equal("request", state.Str("Event"));
            Assert.True(state.Prop("DurationMs").ValueKind == JsonValueKind.Number, state.GetRawText());
            Assert.Equal(pool ?? "", state.Str("Pool"));
            Assert.Equal(response.StatusCode >= 500 ? "Error" : "Information", matching[0].Str("LogLevel"));
        }

        string[] secrets =
        [
            TemporaryPassword, Password, WrongPassword, SignUpPassword, code, clientSecret,
            tokens.Str("AccessToken"), tokens.Str("IdToken"), tokens.Str("RefreshToken"),
        ];
        foreach (var secret in secrets)
        {
            Assert.False(output.Contains(secret, StringComparison.Ordinal), $"the log holds a secret: {secret}\nOutput:\n{output}");
        }
    }

    private static string SignIn(string clientId, string clientSecret, string username, string password) =>
        $$$"""{"ClientId":"{{{clientId}}}","AuthFlow":"USER_PASSWORD_AUTH","AuthParameters":{"USERNAME":"{{{username}}}","PASSWORD":"{{{password}}}","SECRET_HASH":"{{{SecretHash(clientSecret, clientId, username)}}}"}}""";

    private static string SecretHash(string clientSecret, string clientId, string username) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(clientSecret), Encoding.UTF8.GetBytes(username + clientId)));
}
