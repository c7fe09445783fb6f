using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Identity;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Server.Tests.InProcess;

/// <summary>For every operation of both models: missing members, wrong JSON types, over-long strings, bad
/// enums, huge, deep and invalid bodies. Every answer must be a 4xx with a <c>__type</c> (or a 200), never a 5xx,
/// and the server must still answer afterwards. A seeded fuzz then sends random model-shaped bodies around real
/// ids to every operation (<see cref="Answers_model_shaped_random_bodies_around_real_ids_without_a_5xx"/>).</summary>
public sealed class HostileInputTests : IClassFixture<InProcessServer>
{
    private readonly InProcessServer _server;

    public HostileInputTests(InProcessServer server) => _server = server;

    public static TheoryData<string> Targets()
    {
        var data = new TheoryData<string>();
        foreach (var target in IdentityProviderOperations.ByTarget.Keys.Concat(IdentityOperations.ByTarget.Keys).Order(StringComparer.Ordinal))
        {
            data.Add(target);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Answers_every_operation_with_a_typed_4xx_for_hostile_bodies(string target)
    {
        var descriptor = Descriptor(target);
        var bodies = new List<(string Why, byte[] Body)>
        {
            ("empty object", "{}"u8.ToArray()),
            ("empty body", []),
            ("not json", "not json"u8.ToArray()),
            ("json array", "[]"u8.ToArray()),
            ("json null", "null"u8.ToArray()),
            ("invalid utf-8", [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']),
            ("deep nesting", Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000))),
        };
        foreach (var property in descriptor.RequestType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            bodies.Add(($"{property.Name} wrong type", Json(property.Name, WrongTypeFor(property.PropertyType))));
            if (property.PropertyType == typeof(string))
            {
                bodies.Add(($"{property.Name} over-long", Json(property.Name, JsonSerializer.Serialize(new string('a', 100_000)))));
                bodies.Add(($"{property.Name} odd value", Json(property.Name, "\"NOT A VALID VALUE \\u0000 ✓\"")));
            }
        }

        foreach (var (why, body) in bodies)
        {
            var (status, json, response) = await _server.PostAsync(target, body);
            Assert.True(status is 200 or (>= 400 and < 500), $"{target} with {why}: HTTP {status}");
            Assert.True(response.Headers.Contains("x-amzn-RequestId"), $"{target} with {why}: no x-amzn-RequestId");
            if (status >= 400)
            {
                Assert.True(json?.TryGetProperty("__type", out _) == true, $"{target} with {why}: no __type");
                Assert.True(response.Headers.Contains("x-amzn-ErrorType"), $"{target} with {why}: no x-amzn-ErrorType");
                Assert.Null(ValidationTypeProblem(target, json));
            }
        }

        var alive = await _server.PostAsync("AWSCognitoIdentityProviderService.ListUserPools", "{\"MaxResults\":1}");
        Assert.Equal(200, alive.Status);
    }

    /// <summary>A null element in a list (of strings or of structures) is refused with the service's model-validation
    /// error naming its path (InvalidParameterException from cognito-idp, ValidationException from cognito-identity),
    /// in both services, before any handler sees it. A null map value is taken as absent
    /// (amazon-cognito-identity-js sends one when it refreshes; SrpSignInTests drives that client).</summary>
    [Theory]
    [InlineData("AWSCognitoIdentityProviderService.AdminCreateUser", "{\"UserPoolId\":\"us-east-1_abc\",\"Username\":\"u\",\"UserAttributes\":[null]}", "userAttributes.1.member", "InvalidParameterException")]
    [InlineData("AWSCognitoIdentityProviderService.AddCustomAttributes", "{\"UserPoolId\":\"us-east-1_abc\",\"CustomAttributes\":[null]}", "customAttributes.1.member", "InvalidParameterException")]
    [InlineData("AWSCognitoIdentityProviderService.AdminCreateUser", "{\"UserPoolId\":\"us-east-1_abc\",\"Username\":\"u\",\"DesiredDeliveryMediums\":[\"EMAIL\",null]}", "desiredDeliveryMediums.2.member", "InvalidParameterException")]
    [InlineData("AWSCognitoIdentityProviderService.SetRiskConfiguration", "{\"UserPoolId\":\"us-east-1_abc\",\"RiskExceptionConfiguration\":{\"BlockedIPRangeList\":[null]}}", "riskExceptionConfiguration.blockedIPRangeList.1.member", "InvalidParameterException")]
    [InlineData("AWSCognitoIdentityService.CreateIdentityPool", "{\"IdentityPoolName\":\"p\",\"AllowUnauthenticatedIdentities\":true,\"CognitoIdentityProviders\":[null]}", "cognitoIdentityProviders.1.member", "ValidationException")]
    public async Task Refuses_a_null_list_element_with_a_validation_error(string target, string body, string path, string errorType)
    {
        var (status, json, _) = await _server.PostAsync(target, body);

        Assert.Equal(400, status);
        Assert.Equal(errorType, json?.GetProperty("__type").GetString());
        Assert.Equal(
            $"1 validation error detected: Value null at '{path}' failed to satisfy constraint: Member must not be null",
            json?.GetProperty("message").GetString());
    }

    /// <summary>
    /// For every operation of both models, bodies built from the botocore input shape: first one per list and map
    /// reachable from the input with a single null element or value in it, then random ones (nulls in lists and maps, wrong
    /// JSON types, huge strings, empty objects, random enum values), with the pool, client, user, tokens and
    /// identity pool filled in where the member names match. Not one answer may be a 5xx, and every error must
    /// carry a <c>__type</c>. <c>NINSHO_FUZZ_SEED</c> replays a run (the seed is printed);
    /// <c>NINSHO_FUZZ_REQUESTS</c> sets the random bodies per operation (default 4).
    /// </summary>
    [Fact]
    public async Task Answers_model_shaped_random_bodies_around_real_ids_without_a_5xx()
    {
        var seed = Environment.GetEnvironmentVariable("NINSHO_FUZZ_SEED") is { Length: > 0 } s
            ? int.Parse(s, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        var perOperation = Environment.GetEnvironmentVariable("NINSHO_FUZZ_REQUESTS") is { Length: > 0 } n
            ? int.Parse(n, CultureInfo.InvariantCulture)
            : 4;
        TestContext.Current.TestOutputHelper?.WriteLine($"fuzz seed {seed} (NINSHO_FUZZ_SEED={seed} replays it), {perOperation} random bodies per operation");
        var ids = await RealIdsAsync();
        var rng = new Random(seed);
        var services = new[]
        {
            (Model: BotocoreModel.Load("cognito-idp", "2016-04-18", "IdentityProvider"), Operations: IdentityProviderOperations.ByTarget.Values),
            (Model: BotocoreModel.Load("cognito-identity", "2014-06-30", "Identity"), Operations: IdentityOperations.ByTarget.Values),
        };

        var failures = new List<string>();
        var sent = 0;
        foreach (var (model, operations) in services)
        {
            var fuzzer = new ModelFuzzer(model.Shapes, rng, ids);
            foreach (var op in operations.OrderBy(o => DestroysFixture(o.Name)).ThenBy(o => o.Name, StringComparer.Ordinal))
            {
                Assert.True(model.InputShapes.TryGetValue(op.Name, out var input), $"{op.Name} has no input shape in the model");
                var bodies = fuzzer.SingleNulls(input).ToList();
                for (var i = 0; i < perOperation; i++)
                {
                    bodies.Add(("random", fuzzer.RandomBody(input)));
                }

                foreach (var (why, body) in bodies)
                {
                    var text = body.ToJsonString();
                    sent++;
                    try
                    {
                        var (status, json, _) = await _server.PostAsync(op.Target, Encoding.UTF8.GetBytes(text));
                        if (status >= 500 || (status != 200 && json?.TryGetProperty("__type", out _) != true))
                        {
                            failures.Add($"{op.Name} ({why}): HTTP {status} {json} for {Shorten(text)}");
                        }
                        else if (ValidationTypeProblem(op.Target, json) is { } problem)
                        {
                            failures.Add($"{op.Name} ({why}): {problem} for {Shorten(text)}");
                        }
                    }
                    catch (HttpRequestException e)
                    {
                        // An answer the client cannot read (e.g. headers over its limit) is as bad as a 5xx.
                        failures.Add($"{op.Name} ({why}): {e.Message} for {Shorten(text)}");
                    }
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{sent} requests, {failures.Count} failures");
        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} of {sent} requests failed:\n" + string.Join("\n", failures.Take(30)));
    }

    /// <summary>An error whose message echoes a huge input (here a 100,000-character CSS selector) keeps its
    /// <c>x-amzn-ErrorMessage</c> header short: clients refuse headers past 64 KB (.NET's HttpClient) or 64 KB per
    /// line (Python's http.client), and would never see the 400. The body keeps the whole message.</summary>
    [Fact]
    public async Task Keeps_the_error_message_header_short_when_the_message_echoes_a_huge_value()
    {
        var pool = (await _server.CallAsync("CreateUserPool", new { PoolName = "huge-css" })).GetProperty("UserPool").GetProperty("Id").GetString()!;
        await _server.CallAsync("CreateUserPoolDomain", new { UserPoolId = pool, Domain = "huge-css-" + Guid.NewGuid().ToString("N")[..8] });
        var selector = "." + new string('a', 100_000);

        var (status, json, response) = await _server.PostAsync(
            "AWSCognitoIdentityProviderService.SetUICustomization",
            JsonSerializer.Serialize(new { UserPoolId = pool, CSS = selector + " { color: red; }" }));

        Assert.Equal(400, status);
        Assert.Equal("InvalidParameterException", json?.GetProperty("__type").GetString());
        Assert.Contains(selector, json?.GetProperty("message").GetString(), StringComparison.Ordinal);
        var header = Assert.Single(response.Headers.GetValues("x-amzn-ErrorMessage"));
        Assert.InRange(header.Length, 1, 1024);
    }

    [Fact]
    public async Task Refuses_a_body_over_the_limit_without_a_5xx()
    {
        var body = Encoding.UTF8.GetBytes("{\"PoolName\":\"" + new string('a', 2 * 1024 * 1024) + "\"}");

        var (status, json, _) = await _server.PostAsync("AWSCognitoIdentityProviderService.CreateUserPool", body);

        Assert.InRange(status, 400, 499);
        Assert.Equal("SerializationException", json?.GetProperty("__type").GetString());
    }

    /// <summary>A model-constraint failure (Cognito's <c>N validation error(s) detected</c> text) must carry the
    /// service's type: ValidationException from cognito-identity, InvalidParameterException from cognito-idp.
    /// Null when the answer is fine.</summary>
    private static string? ValidationTypeProblem(string target, JsonElement? json)
    {
        if (json is not { } body || !body.TryGetProperty("message", out var message) || message.GetString() is not { } text
            || !text.Contains(" validation error", StringComparison.Ordinal) || !text.Contains(" detected: ", StringComparison.Ordinal))
        {
            return null;
        }

        var expected = target.StartsWith(IdentityOperations.TargetPrefix + ".", StringComparison.Ordinal) ? "ValidationException" : "InvalidParameterException";
        var type = body.TryGetProperty("__type", out var t) ? t.GetString() : null;
        return type == expected ? null : $"{target}: validation failure answered as {type}, expected {expected}";
    }

    /// <summary>A real pool, client, confirmed user with tokens, group, identity pool and identity.</summary>
    private async Task<Dictionary<string, string>> RealIdsAsync()
    {
        const string Password = "Fuzz#Pass123";
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var pool = (await _server.CallAsync("CreateUserPool", new { PoolName = "fuzz-" + suffix })).GetProperty("UserPool").GetProperty("Id").GetString()!;
        var client = (await _server.CallAsync("CreateUserPoolClient", new
        {
            UserPoolId = pool,
            ClientName = "fuzz",
            ExplicitAuthFlows = new[] { "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
        })).GetProperty("UserPoolClient").GetProperty("ClientId").GetString()!;
        const string User = "fuzzer";
        await _server.CallAsync("AdminCreateUser", new
        {
            UserPoolId = pool,
            Username = User,
            MessageAction = "SUPPRESS",
            UserAttributes = new[] { new { Name = "email", Value = "fuzzer@example.com" } },
        });
        await _server.CallAsync("AdminSetUserPassword", new { UserPoolId = pool, Username = User, Password, Permanent = true });
        var tokens = (await _server.CallAsync("AdminInitiateAuth", new
        {
            UserPoolId = pool,
            ClientId = client,
            AuthFlow = "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = User, ["PASSWORD"] = Password },
        })).GetProperty("AuthenticationResult");
        await _server.CallAsync("CreateGroup", new { UserPoolId = pool, GroupName = "fuzzers" });
        var identityPool = await CallIdentityAsync("CreateIdentityPool", new JsonObject { ["IdentityPoolName"] = "fuzz", ["AllowUnauthenticatedIdentities"] = true });
        var identityPoolId = identityPool.GetProperty("IdentityPoolId").GetString()!;
        var identity = await CallIdentityAsync("GetId", new JsonObject { ["IdentityPoolId"] = identityPoolId });
        var refresh = tokens.GetProperty("RefreshToken").GetString()!;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["UserPoolId"] = pool,
            ["ClientId"] = client,
            ["Username"] = User,
            ["AccessToken"] = tokens.GetProperty("AccessToken").GetString()!,
            ["RefreshToken"] = refresh,
            ["Token"] = refresh,
            ["PreviousPassword"] = Password,
            ["GroupName"] = "fuzzers",
            ["IdentityPoolId"] = identityPoolId,
            ["IdentityId"] = identity.GetProperty("IdentityId").GetString()!,
        };
    }

    private async Task<JsonElement> CallIdentityAsync(string operation, JsonObject body)
    {
        var (status, json, _) = await _server.PostAsync(IdentityOperations.TargetPrefix + "." + operation, body.ToJsonString());
        Assert.True(status == 200, $"{operation}: HTTP {status} {json}");
        return json!.Value;
    }

    /// <summary>Operations that may delete or sign out the fixture's pool, user, tokens or identity pool run last,
    /// so the others meet live ids.</summary>
    private static int DestroysFixture(string operation) =>
        operation is "DeleteUserPool" or "DeleteIdentityPool" ? 2
        : operation.StartsWith("Delete", StringComparison.Ordinal)
            || operation.StartsWith("AdminDelete", StringComparison.Ordinal)
            || operation.StartsWith("AdminDisable", StringComparison.Ordinal)
            || operation is "GlobalSignOut" or "AdminUserGlobalSignOut" or "RevokeToken" or "ChangePassword" or "AdminResetUserPassword"
            ? 1
            : 0;

    private static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + "…";

    private static OperationDescriptor Descriptor(string target) =>
        IdentityProviderOperations.ByTarget.TryGetValue(target, out var d) ? d : IdentityOperations.ByTarget[target];

    private static byte[] Json(string name, string valueJson) => Encoding.UTF8.GetBytes($"{{\"{name}\":{valueJson}}}");

    private static string WrongTypeFor(Type type) =>
        type == typeof(string) ? "{\"a\":1}"
        : Nullable.GetUnderlyingType(type) is { } inner && (inner == typeof(int) || inner == typeof(long) || inner == typeof(bool)) ? "\"text\""
        : type.IsGenericType ? "\"text\""
        : "[1,2]";
}
