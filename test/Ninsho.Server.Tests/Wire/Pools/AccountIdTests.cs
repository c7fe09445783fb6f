namespace Ninsho.Server.Tests;

/// <summary><c>serve --account-id</c>: the account id in the ARNs Ninsho returns. Runs its own server.</summary>
public sealed class AccountIdTests
{
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_put_the_configured_account_id_in_a_user_pools_arn()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await NinshoProcess.StartAsync(ct, "--account-id", "111122223333");
        var cli = new AwsCli(server.BaseUrl);

        var poolId = await cli.CreatePoolAsync("account", ct);
        var described = await cli.DescribePoolAsync(poolId, ct);
        Assert.Equal($"arn:aws:cognito-idp:{AwsCli.Region}:111122223333:userpool/{poolId}", described.Str("Arn"));
    }
}
