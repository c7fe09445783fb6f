namespace Ninsho.Server.Tests;

/// <summary>Resource servers through the real AWS CLI: create, describe, list (paged), update, delete, with
/// Cognito's limits and errors. Wordings of the duplicate, not-found, limit and duplicate-scope errors are guessed
/// (Cognito's texts are not documented).</summary>
[Collection(DirectoryServer.Name)]
public sealed class ResourceServerTests(NinshoServerFixture fixture)
{
    // No scheme: the AWS CLI v1 fetches any parameter value that starts with http(s):// (cli_follow_urlparam).
    private const string Api = "api.example.com/v1";

    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_create_describe_update_and_delete_a_resource_server()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("rs-crud", ct);

        var created = (await Cli.CognitoIdpAsync(ct, "create-resource-server", "--user-pool-id", poolId, "--identifier", Api,
            "--name", "My API", "--scopes", "ScopeName=read,ScopeDescription=Read things", "ScopeName=write,ScopeDescription=Write things"))
            .Ok().Prop("ResourceServer");
        Assert.Equal(["Identifier", "Name", "Scopes", "UserPoolId"], created.Names().Order(StringComparer.Ordinal));
        Assert.Equal(poolId, created.Str("UserPoolId"));
        Assert.Equal(Api, created.Str("Identifier"));
        Assert.Equal("My API", created.Str("Name"));
        Assert.Equal(["read", "write"], created.Items("Scopes").Select(s => s.Str("ScopeName")));
        Assert.Equal("Read things", created.Items("Scopes")[0].Str("ScopeDescription"));

        var described = (await Cli.CognitoIdpAsync(ct, "describe-resource-server", "--user-pool-id", poolId, "--identifier", Api))
            .Ok().Prop("ResourceServer");
        Assert.Equal(created.GetRawText(), described.GetRawText());

        (await Cli.CognitoIdpAsync(ct, "create-resource-server", "--user-pool-id", poolId, "--identifier", Api, "--name", "again"))
            .AssertError("InvalidParameterException", "CreateResourceServer", $"{Api} already exists in pool {poolId}.");

        var updated = (await Cli.CognitoIdpAsync(ct, "update-resource-server", "--user-pool-id", poolId, "--identifier", Api,
            "--name", "Renamed", "--scopes", "ScopeName=admin,ScopeDescription=Everything")).Ok().Prop("ResourceServer");
        Assert.Equal("Renamed", updated.Str("Name"));
        Assert.Equal(["admin"], updated.Items("Scopes").Select(s => s.Str("ScopeName")));

        // Update without --scopes removes them all: the operation replaces the resource server.
        var bare = (await Cli.CognitoIdpAsync(ct, "update-resource-server", "--user-pool-id", poolId, "--identifier", Api, "--name", "Bare"))
            .Ok().Prop("ResourceServer");
        Assert.Empty(bare.Items("Scopes"));

        (await Cli.CognitoIdpAsync(ct, "delete-resource-server", "--user-pool-id", poolId, "--identifier", Api)).OkEmpty();
        (await Cli.CognitoIdpAsync(ct, "describe-resource-server", "--user-pool-id", poolId, "--identifier", Api))
            .AssertError("ResourceNotFoundException", "DescribeResourceServer", $"Resource server {Api} does not exist.");
        (await Cli.CognitoIdpAsync(ct, "update-resource-server", "--user-pool-id", poolId, "--identifier", Api, "--name", "x"))
            .AssertError("ResourceNotFoundException", "UpdateResourceServer", $"Resource server {Api} does not exist.");
        (await Cli.CognitoIdpAsync(ct, "delete-resource-server", "--user-pool-id", poolId, "--identifier", Api))
            .AssertError("ResourceNotFoundException", "DeleteResourceServer", $"Resource server {Api} does not exist.");

        const string MissingPool = "ap-northeast-1_NoSuchPoo1";
        (await Cli.CognitoIdpAsync(ct, "create-resource-server", "--user-pool-id", MissingPool, "--identifier", Api, "--name", "x"))
            .AssertError("ResourceNotFoundException", "CreateResourceServer", $"User pool {MissingPool} does not exist.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_bad_scopes_and_more_than_25_resource_servers_and_pages_the_list()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("rs-limits", ct);

        (await Cli.CognitoIdpAsync(ct, "create-resource-server", "--user-pool-id", poolId, "--identifier", "api", "--name", "x",
            "--scopes", "ScopeName=read,ScopeDescription=a", "ScopeName=read,ScopeDescription=b"))
            .AssertError("InvalidParameterException", "CreateResourceServer", "Duplicate scope read in the resource server.");
        // A scope name may not contain '/': the model's pattern, checked before the handler.
        (await Cli.CognitoIdpAsync(ct, "create-resource-server", "--user-pool-id", poolId, "--identifier", "api", "--name", "x",
            "--scopes", "ScopeName=a/b,ScopeDescription=a")).AssertErrorStartsWith("InvalidParameterException", "CreateResourceServer", "1 validation error");

        for (var i = 0; i < 25; i++)
        {
            (await Cli.CognitoIdpAsync(ct, "create-resource-server", "--user-pool-id", poolId, "--identifier", $"api{i:D2}", "--name", $"api {i}")).Ok();
        }

        (await Cli.CognitoIdpAsync(ct, "create-resource-server", "--user-pool-id", poolId, "--identifier", "api25", "--name", "one too many"))
            .AssertError("LimitExceededException", "CreateResourceServer", "The user pool has reached its limit of 25 resource servers.");

        var first = (await Cli.CognitoIdpAsync(ct, "list-resource-servers", "--user-pool-id", poolId, "--max-results", "10", "--no-paginate")).Ok();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"api{i:D2}"), first.Items("ResourceServers").Select(s => s.Str("Identifier")));
        var next = first.Str("NextToken");
        var second = (await Cli.CognitoIdpAsync(ct, "list-resource-servers", "--user-pool-id", poolId, "--max-results", "20", "--next-token", next, "--no-paginate")).Ok();
        Assert.Equal(Enumerable.Range(10, 15).Select(i => $"api{i:D2}"), second.Items("ResourceServers").Select(s => s.Str("Identifier")));
        second.AssertMissing("NextToken");
    }
}
