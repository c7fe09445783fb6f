namespace Ninsho.Server.Tests;

/// <summary>
/// Runs the real AWS CLI against a Ninsho server:
/// <c>aws --endpoint-url BASE --region ap-northeast-1 --output json cognito-idp|cognito-identity …</c>.
/// Dummy credentials are set (admin operations are SigV4-signed and the CLI refuses to send them unsigned), no
/// config or credentials file is read, retries are off (one attempt, legacy mode) and each call is killed after 60 s.
/// The calls run the CLI's own entry point in a forked warm Python (<see cref="AwsCliZygote"/>) unless
/// <c>NINSHO_TEST_AWS_CLI=process</c> asks for the <c>aws</c> program.
/// </summary>
public sealed class AwsCli(string baseUrl)
{
    public const string Region = "ap-northeast-1";
    public const string DummyAccessKeyId = "AKIDNINSHOTEST";
    public const string DummySecretAccessKey = "ninsho-test-secret-not-checked";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    internal static readonly Dictionary<string, string?> ProcessEnvironment = new(StringComparer.Ordinal)
    {
        ["AWS_ACCESS_KEY_ID"] = DummyAccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = DummySecretAccessKey,
        ["AWS_SESSION_TOKEN"] = null,
        ["AWS_SECURITY_TOKEN"] = null,
        ["AWS_PROFILE"] = null,
        ["AWS_DEFAULT_PROFILE"] = null,
        ["AWS_REGION"] = null,
        ["AWS_DEFAULT_REGION"] = Region,
        ["AWS_ENDPOINT_URL"] = null,
        ["AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"] = null,
        ["AWS_ENDPOINT_URL_COGNITO_IDENTITY"] = null,
        ["AWS_CA_BUNDLE"] = null,
        ["AWS_CONFIG_FILE"] = "/dev/null",
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
        ["AWS_MAX_ATTEMPTS"] = "1",
        // One attempt, no retries. "legacy" (the CLI v1 default) rather than "standard": with max_attempts=1 the
        // standard mode appends " (reached max retries: 0)" to every error line, legacy only to retryable ones,
        // so users' exact error lines are what the tests see.
        ["AWS_RETRY_MODE"] = "legacy",
        ["AWS_PAGER"] = "",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["PYTHONIOENCODING"] = "utf-8",
    };

    public string BaseUrl { get; } = baseUrl;

    /// <summary>A PEM file of certificates the CLI trusts for an https <see cref="BaseUrl"/> (<c>--ca-bundle</c>, the
    /// option form of <c>AWS_CA_BUNDLE</c>); null for the CLI's own.</summary>
    public string? CaBundle { get; init; }

    /// <summary>Whether calls start the <c>aws</c> program rather than go through the zygote.</summary>
    public bool RunsProgram { get; init; } = !AwsCliZygote.Enabled;

    /// <summary><c>aws … cognito-idp &lt;args&gt;</c>, e.g. <c>CognitoIdpAsync(ct, "list-user-pools", "--max-results", "10")</c>.</summary>
    public Task<AwsCliResult> CognitoIdpAsync(CancellationToken ct, params string[] args) =>
        RunAsync("cognito-idp", args, ct);

    /// <summary><c>aws … cognito-identity &lt;args&gt;</c>.</summary>
    public Task<AwsCliResult> CognitoIdentityAsync(CancellationToken ct, params string[] args) =>
        RunAsync("cognito-identity", args, ct);

    public async Task<AwsCliResult> RunAsync(string service, IReadOnlyList<string> args, CancellationToken ct)
    {
        string[] arguments = CaBundle is null
            ? ["--endpoint-url", BaseUrl, "--region", Region, "--output", "json", service, .. args]
            : ["--endpoint-url", BaseUrl, "--ca-bundle", CaBundle, "--region", Region, "--output", "json", service, .. args];
        var result = RunsProgram
            ? await ChildProcess.RunAsync("aws", arguments, ProcessEnvironment, Timeout, workingDirectory: null, ct)
            : await AwsCliZygote.RunAsync(arguments, Timeout, ct);
        return new AwsCliResult("aws " + string.Join(' ', arguments), result.ExitCode, result.Stdout, result.Stderr);
    }
}
