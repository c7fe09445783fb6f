namespace Ninsho.Server.Tests;

/// <summary>
/// The suite's <c>aws</c> calls go through <see cref="AwsCliZygote"/>; these pin that it answers exactly as the
/// <c>aws</c> program does: the same stdout for a success, the same exit code and error line for a Cognito error
/// and for a usage error the CLI catches itself.
/// </summary>
[Collection(DirectoryServer.Name)]
public sealed class AwsCliZygoteTests(NinshoServerFixture fixture)
{
    public static TheoryData<string[]> Calls => new()
    {
        new[] { "cognito-idp", "describe-user-pool", "--user-pool-id", "{pool}" },
        new[] { "cognito-idp", "describe-user-pool", "--user-pool-id", "ap-northeast-1_doesNotExist" },
        new[] { "cognito-idp", "list-users", "--user-pool-id", "{pool}", "--query", "Users[].Username" },
        new[] { "cognito-idp", "list-users" },
        new[] { "cognito-identity", "list-identity-pools", "--max-results", "5" },
    };

    [Theory(Timeout = TestTimeoutMs)]
    [MemberData(nameof(Calls))]
    public async Task Does_answer_as_the_aws_program_does(string[] call)
    {
        var ct = TestContext.Current.CancellationToken;
        var zygote = new AwsCli(fixture.BaseUrl) { RunsProgram = false };
        var program = new AwsCli(fixture.BaseUrl) { RunsProgram = true };
        var pool = (await zygote.CognitoIdpAsync(ct, "create-user-pool", "--pool-name", "zygote-check")).Ok()
            .GetProperty("UserPool").GetProperty("Id").GetString()!;
        var args = call.Skip(1).Select(a => a.Replace("{pool}", pool, StringComparison.Ordinal)).ToArray();

        var viaZygote = await zygote.RunAsync(call[0], args, ct);
        var viaProgram = await program.RunAsync(call[0], args, ct);

        Assert.Equal(viaProgram.ExitCode, viaZygote.ExitCode);
        Assert.Equal(viaProgram.Stdout, viaZygote.Stdout);
        Assert.Equal(LastLine(viaProgram.Stderr), LastLine(viaZygote.Stderr));
    }

    private static string LastLine(string text) => text.TrimEnd().Split('\n')[^1];
}
