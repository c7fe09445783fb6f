using System.Diagnostics;

namespace Ninsho.Server.Tests;

/// <summary><c>serve --quotas cognito</c>: Cognito's default request-rate quotas, answered with
/// TooManyRequestsException (docs/compatibility-quotas.md). Each test runs its own server, since the quotas are
/// server-wide.</summary>
public sealed class RequestQuotaTests
{
    /// <summary>UserPoolRead, the category of DescribeUserPool: 15 requests per second.</summary>
    private const int UserPoolReadPerSecond = 15;

    /// <summary>The cap on one operation of UserPoolResourceRead (ListGroups, …) in one pool, per second.</summary>
    private const int PerPoolOperationPerSecond = 5;

    private const int Burst = 100;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Throttles_a_burst_beyond_the_category_quota_and_admits_again_a_second_later()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await NinshoProcess.StartAsync(ct, "--quotas", "cognito");
        var poolId = await new AwsCli(server.BaseUrl).CreatePoolAsync("quota", ct);
        using var raw = new RawCognito(server.BaseUrl);

        var (answers, elapsed) = await BurstAsync(raw, "DescribeUserPool", $$"""{"UserPoolId":"{{poolId}}"}""", Burst, ct);

        var admitted = answers.Count(a => a.StatusCode == 200);
        var throttled = answers.Where(a => a.StatusCode != 200).ToList();
        Assert.NotEmpty(throttled);
        Assert.All(throttled, AssertThrottled);

        // A token bucket of one second's quota, refilled as time passes: never more than that in the burst.
        var ceiling = UserPoolReadPerSecond + (int)Math.Ceiling(UserPoolReadPerSecond * elapsed.TotalSeconds);
        Assert.True(admitted <= ceiling, $"{admitted} of {Burst} admitted in {elapsed.TotalMilliseconds:F0} ms; at most {ceiling} expected");

        // A second later the bucket is full again: a whole quota's worth passes at once.
        await Task.Delay(TimeSpan.FromSeconds(1.1), ct);
        var (again, _) = await BurstAsync(raw, "DescribeUserPool", $$"""{"UserPoolId":"{{poolId}}"}""", UserPoolReadPerSecond, ct);
        Assert.All(again, a => Assert.True(a.StatusCode == 200, $"after the window: {a.StatusCode} {a.Body}"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Caps_one_operation_per_pool_without_throttling_another_pool()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await NinshoProcess.StartAsync(ct, "--quotas", "cognito");
        var cli = new AwsCli(server.BaseUrl);
        var busyPool = await cli.CreatePoolAsync("busy", ct);
        var quietPool = await cli.CreatePoolAsync("quiet", ct);
        using var raw = new RawCognito(server.BaseUrl);

        var (answers, elapsed) = await BurstAsync(raw, "ListGroups", $$"""{"UserPoolId":"{{busyPool}}"}""", 30, ct);
        var admitted = answers.Count(a => a.StatusCode == 200);
        Assert.All(answers.Where(a => a.StatusCode != 200), AssertThrottled);
        var ceiling = PerPoolOperationPerSecond + (int)Math.Ceiling(PerPoolOperationPerSecond * elapsed.TotalSeconds);
        Assert.True(admitted <= ceiling, $"{admitted} of 30 ListGroups on one pool admitted in {elapsed.TotalMilliseconds:F0} ms; at most {ceiling} expected");

        // The category's account-wide quota (20 per second) is far from spent: another pool is served.
        var other = await raw.IdpAsync("ListGroups", $$"""{"UserPoolId":"{{quietPool}}"}""", ct);
        Assert.True(other.StatusCode == 200, $"{other.StatusCode} {other.Body}");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Botocore_reads_the_throttle_as_TooManyRequestsException_and_its_retries_back_off_through_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await NinshoProcess.StartAsync(ct, "--quotas", "cognito");
        var results = await Boto3Script.RunAsync("quota_backoff.py", server.BaseUrl, ct);

        // Without retries, the burst's refused calls reach the app as botocore's ClientError.
        var refused = results["burst/refused"];
        Assert.True(refused is { Type: "TooManyRequestsException", Message: "Rate exceeded" }, $"burst without retries: {refused}");

        // With botocore's standard retry mode, every call of a burst succeeds in the end, after retries.
        var retried = results["burst/standard-retries"];
        Assert.True(retried.Type == "OK", $"burst with retries: {retried}");
        Assert.True(retried.Extra.GetInt32() > 0, $"no call was retried: {retried}");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task A_server_without_quotas_answers_the_whole_burst()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await NinshoProcess.StartAsync(ct);
        var poolId = await new AwsCli(server.BaseUrl).CreatePoolAsync("unlimited", ct);
        using var raw = new RawCognito(server.BaseUrl);

        var (answers, _) = await BurstAsync(raw, "DescribeUserPool", $$"""{"UserPoolId":"{{poolId}}"}""", Burst, ct);
        Assert.All(answers, a => Assert.True(a.StatusCode == 200, $"{a.StatusCode} {a.Body}"));
    }

    [Theory(Timeout = TestTimeoutMs)]
    [InlineData("--quotas", "bogus")]
    [InlineData("NINSHO_QUOTAS", "aws")]
    public async Task Refuses_to_start_with_an_unknown_quota_mode(string setting, string value)
    {
        var ct = TestContext.Current.CancellationToken;
        var fromCommandLine = setting.StartsWith("--", StringComparison.Ordinal);
        var arguments = RepoPaths.ServerArguments(["serve", "--port", "0", .. fromCommandLine ? (string[])[setting, value] : []]);
        var result = await ChildProcess.RunAsync(RepoPaths.ServerProgram, arguments,
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["NINSHO_QUOTAS"] = fromCommandLine ? null : value },
            TimeSpan.FromSeconds(60), Path.GetTempPath(), ct);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"--quotas must be cognito or off, not '{value}'", result.Stderr.Trim());
    }

    private static void AssertThrottled(RawResponse answer)
    {
        Assert.Equal(400, answer.StatusCode);
        Assert.Equal("TooManyRequestsException", answer.ErrorType);
        Assert.Equal("Rate exceeded", answer.Message);
        Assert.Equal("TooManyRequestsException:", answer.Headers["x-amzn-ErrorType"]);
    }

    /// <summary>Sends <paramref name="count"/> requests at once and waits for every answer.</summary>
    private static async Task<(RawResponse[] Answers, TimeSpan Elapsed)> BurstAsync(RawCognito raw, string operation, string body, int count, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => raw.IdpAsync(operation, body, ct)));
        return (answers, clock.Elapsed);
    }
}
