using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Ninsho.Server.Hosting;
using Ninsho.Storage.Tests;

namespace Ninsho.Server.Tests.InProcess;

/// <summary>
/// Many requests at once on one user, on one SQLite node and on two nodes sharing PostgreSQL: parallel wrong passwords
/// (or SRP proofs) get at most the five checks the lockout allows, and every write to the user lands, without the
/// ConcurrentModificationException that Cognito's model lists only for pool configuration. The clock stands still,
/// so the lockout's one-second window cannot end in the middle of a burst. The PostgreSQL cases skip locally without
/// <c>NINSHO_TEST_PG</c> and fail on CI (<c>CI=true</c>).
/// </summary>
public sealed class UserWriteContentionTests
{
    private const string Op = "AWSCognitoIdentityProviderService.";
    private const string Password = "Perm#Pass123";
    private const string Incorrect = "Incorrect username or password.";
    private const string Exceeded = "Password attempts exceeded";
    private const int FreeAttempts = 5;

    [Fact]
    public Task Does_check_at_most_five_of_thirty_parallel_wrong_passwords_then_lock_out_the_right_one() =>
        OnSqliteAsync(ParallelWrongPasswordsAsync);

    [Fact]
    public Task Does_check_at_most_five_of_thirty_parallel_wrong_passwords_on_two_postgresql_nodes() =>
        OnPostgreSqlAsync(ParallelWrongPasswordsAsync);

    [Fact]
    public Task Does_check_at_most_five_of_twenty_parallel_wrong_srp_proofs() =>
        OnSqliteAsync(ParallelWrongSrpProofsAsync);

    [Fact]
    public Task Does_check_at_most_five_of_twenty_parallel_wrong_srp_proofs_on_two_postgresql_nodes() =>
        OnPostgreSqlAsync(ParallelWrongSrpProofsAsync);

    [Fact]
    public Task Does_apply_all_fifty_parallel_attribute_updates_of_one_user() =>
        OnSqliteAsync(ParallelAttributeUpdatesAsync);

    [Fact]
    public Task Does_apply_all_fifty_parallel_attribute_updates_of_one_user_on_two_postgresql_nodes() =>
        OnPostgreSqlAsync(ParallelAttributeUpdatesAsync);

    [Fact]
    public Task Does_answer_mixed_parallel_writes_of_one_user_as_each_would_alone() =>
        OnSqliteAsync(MixedParallelWritesAsync);

    [Fact]
    public Task Does_answer_mixed_parallel_writes_of_one_user_as_each_would_alone_on_two_postgresql_nodes() =>
        OnPostgreSqlAsync(MixedParallelWritesAsync);

    [Fact]
    public Task Does_sign_in_all_of_twenty_parallel_right_passwords_of_one_user() =>
        OnSqliteAsync(ParallelRightPasswordsAsync);

    [Fact]
    public Task Does_sign_in_all_of_twenty_parallel_right_passwords_of_one_user_on_two_postgresql_nodes() =>
        OnPostgreSqlAsync(ParallelRightPasswordsAsync);

    /// <summary>An attempt is counted before its check, so parallel right passwords must not count as failures
    /// against each other: every one signs in, as it would alone.</summary>
    private static async Task ParallelRightPasswordsAsync(Nodes nodes)
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => SignIn(nodes[i], nodes, Password)));
        Assert.All(answers, a => Assert.True(a.Status == 200, $"HTTP {a.Status} {a.Body}"));
    }

    private static async Task ParallelWrongPasswordsAsync(Nodes nodes)
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => SignIn(nodes[i], nodes, "Wrong#Pass" + i)));
        AssertLockoutAnswers(answers);

        // The right password is locked out too, as on Cognito, on every node.
        AssertError(await SignIn(nodes[0], nodes, Password), "NotAuthorizedException", Exceeded);
        AssertError(await SignIn(nodes[1], nodes, Password), "NotAuthorizedException", Exceeded);
        nodes.Clock.Advance(TimeSpan.FromSeconds(1));
        var (status, body, _) = await SignIn(nodes[1], nodes, Password);
        Assert.True(status == 200, $"after the lockout: HTTP {status} {body}");
    }

    private static async Task ParallelWrongSrpProofsAsync(Nodes nodes)
    {
        // Twenty PASSWORD_VERIFIER challenges first, then all twenty wrong proofs at once.
        var challenges = new List<JsonElement>();
        for (var i = 0; i < 20; i++)
        {
            challenges.Add(await nodes[i].CallAsync("InitiateAuth", new
            {
                ClientId = nodes.Client,
                AuthFlow = "USER_SRP_AUTH",
                AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "alice", ["SRP_A"] = "02" },
            }));
        }

        var answers = await Task.WhenAll(challenges.Select((c, i) => nodes[i + 1].PostAsync(Op + "RespondToAuthChallenge", JsonSerializer.Serialize(new
        {
            ClientId = nodes.Client,
            ChallengeName = "PASSWORD_VERIFIER",
            Session = c.GetProperty("Session").GetString(),
            ChallengeResponses = new Dictionary<string, string>
            {
                ["USERNAME"] = c.GetProperty("ChallengeParameters").GetProperty("USER_ID_FOR_SRP").GetString()!,
                ["PASSWORD_CLAIM_SECRET_BLOCK"] = c.GetProperty("ChallengeParameters").GetProperty("SECRET_BLOCK").GetString()!,
                ["PASSWORD_CLAIM_SIGNATURE"] = Convert.ToBase64String(new byte[32]),
                ["TIMESTAMP"] = "Tue Nov 3 05:51:27 UTC 2026",
            },
        }))));
        AssertLockoutAnswers(answers);
        AssertError(await SignIn(nodes[0], nodes, Password), "NotAuthorizedException", Exceeded);
    }

    private static async Task ParallelAttributeUpdatesAsync(Nodes nodes)
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => UpdateAttribute(nodes[i], nodes, i)));
        Assert.All(answers, a => Assert.True(a.Status == 200, $"HTTP {a.Status} {a.Body}"));
        var attributes = await AttributesAsync(nodes);
        Assert.All(Enumerable.Range(0, 50), i => Assert.Equal("v" + i, attributes.GetValueOrDefault("custom:a" + i)));
    }

    private static async Task MixedParallelWritesAsync(Nodes nodes)
    {
        var updates = Enumerable.Range(0, 20).Select(i => UpdateAttribute(nodes[i], nodes, i)).ToList();
        var signIns = Enumerable.Range(0, 20).Select(i => SignIn(nodes[i + 1], nodes, "Wrong#Pass" + i)).ToList();
        var signOuts = Enumerable.Range(0, 10).Select(i => nodes[i].PostAsync(
            Op + "AdminUserGlobalSignOut", JsonSerializer.Serialize(new { UserPoolId = nodes.Pool, Username = "alice" }))).ToList();
        _ = await Task.WhenAll(updates.Concat(signIns).Concat(signOuts));

        Assert.All(updates.Concat(signOuts), t => Assert.True(t.Result.Status == 200, $"HTTP {t.Result.Status} {t.Result.Body}"));
        AssertLockoutAnswers([.. signIns.Select(t => t.Result)]);
        var attributes = await AttributesAsync(nodes);
        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal("v" + i, attributes.GetValueOrDefault("custom:a" + i)));
    }

    /// <summary>Every answer is NotAuthorizedException; exactly five were checked (and found wrong), the rest
    /// refused before any check.</summary>
    private static void AssertLockoutAnswers(IReadOnlyList<(int Status, JsonElement? Body, HttpResponseMessage Response)> answers)
    {
        var messages = answers.Select(a => a.Status == 400 && a.Body?.GetProperty("__type").GetString() == "NotAuthorizedException"
            ? a.Body?.GetProperty("message").GetString()
            : $"HTTP {a.Status} {a.Body}").ToList();
        Assert.All(messages, m => Assert.True(m is Incorrect or Exceeded, m));
        Assert.Equal(FreeAttempts, messages.Count(m => m == Incorrect));
    }

    private static Task<(int Status, JsonElement? Body, HttpResponseMessage Response)> SignIn(InProcessServer node, Nodes nodes, string password) =>
        node.PostAsync(Op + "InitiateAuth", JsonSerializer.Serialize(new
        {
            ClientId = nodes.Client,
            AuthFlow = "USER_PASSWORD_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "alice", ["PASSWORD"] = password },
        }));

    private static Task<(int Status, JsonElement? Body, HttpResponseMessage Response)> UpdateAttribute(InProcessServer node, Nodes nodes, int i) =>
        node.PostAsync(Op + "AdminUpdateUserAttributes", JsonSerializer.Serialize(new
        {
            UserPoolId = nodes.Pool,
            Username = "alice",
            UserAttributes = new[] { new { Name = "custom:a" + i, Value = "v" + i } },
        }));

    private static async Task<Dictionary<string, string>> AttributesAsync(Nodes nodes) =>
        (await nodes[0].CallAsync("AdminGetUser", new { UserPoolId = nodes.Pool, Username = "alice" }))
            .GetProperty("UserAttributes").EnumerateArray()
            .ToDictionary(a => a.GetProperty("Name").GetString()!, a => a.GetProperty("Value").GetString()!);

    private static void AssertError((int Status, JsonElement? Body, HttpResponseMessage Response) answer, string type, string message) =>
        Assert.True(
            answer.Status == 400 && answer.Body?.GetProperty("__type").GetString() == type && answer.Body?.GetProperty("message").GetString() == message,
            $"expected {type}: {message}; got HTTP {answer.Status} {answer.Body}");

    private static async Task OnSqliteAsync(Func<Nodes, Task> scenario)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
        await using var node = InProcessServer.With(o => o with { Clock = clock });
        await node.InitializeAsync();
        await scenario(await Nodes.SetUpAsync(clock, node, node));
    }

    private static async Task OnPostgreSqlAsync(Func<Nodes, Task> scenario)
    {
        await using var database = new PostgreSqlTestDatabase();
        await database.InitializeAsync();
        var connection = database.ConnectionStringOrSkip();

        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
        Func<NinshoServerOptions, NinshoServerOptions> shared = o => o with { PostgresConnectionString = connection, PublicUrl = "http://ninsho.test", Clock = clock };
        await using var a = InProcessServer.With(shared);
        await using var b = InProcessServer.With(shared);
        await a.InitializeAsync();
        await b.InitializeAsync();
        await scenario(await Nodes.SetUpAsync(clock, a, b));
    }

    /// <summary>One or two nodes (request i goes to node i mod 2), a pool with fifty custom attributes, a client, and
    /// the confirmed user alice.</summary>
    private sealed record Nodes(FakeTimeProvider Clock, InProcessServer A, InProcessServer B, string Pool, string Client)
    {
        public InProcessServer this[int i] => i % 2 == 0 ? A : B;

        public static async Task<Nodes> SetUpAsync(FakeTimeProvider clock, InProcessServer a, InProcessServer b)
        {
            var pool = (await a.CallAsync("CreateUserPool", new
            {
                PoolName = "contention",
                Schema = Enumerable.Range(0, 50).Select(i => new { Name = "a" + i, AttributeDataType = "String", Mutable = true }),
            })).GetProperty("UserPool").GetProperty("Id").GetString()!;
            var client = (await a.CallAsync("CreateUserPoolClient", new
            {
                UserPoolId = pool,
                ClientName = "app",
                ExplicitAuthFlows = new[] { "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
            })).GetProperty("UserPoolClient").GetProperty("ClientId").GetString()!;
            _ = await a.CallAsync("AdminCreateUser", new { UserPoolId = pool, Username = "alice", MessageAction = "SUPPRESS" });
            _ = await a.CallAsync("AdminSetUserPassword", new { UserPoolId = pool, Username = "alice", Password, Permanent = true });
            return new Nodes(clock, a, b, pool, client);
        }
    }
}
