namespace Ninsho.Server.Tests;

/// <summary>Cognito's quota of 50 tags per user pool, through the AWS CLI. The message is guessed (not documented);
/// the type is InvalidParameterException because the model gives TagResource no LimitExceededException.</summary>
[Collection(DirectoryServer.Name)]
public sealed class TagLimitTests(NinshoServerFixture fixture)
{
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_a_51st_tag_on_a_pool()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = fixture.Cli;
        var fifty = string.Join(',', Enumerable.Range(0, 50).Select(i => $"k{i:00}=v"));
        var pool = (await cli.CognitoIdpAsync(ct, "create-user-pool", "--pool-name", "tag-limit", "--user-pool-tags", fifty)).Ok().Prop("UserPool");
        var arn = pool.Str("Arn");

        (await cli.CognitoIdpAsync(ct, "tag-resource", "--resource-arn", arn, "--tags", "k00=changed")).OkEmpty();
        (await cli.CognitoIdpAsync(ct, "tag-resource", "--resource-arn", arn, "--tags", "k50=v"))
            .AssertError("InvalidParameterException", "TagResource", "A resource can have at most 50 tags.");
        (await cli.CognitoIdpAsync(ct, "create-user-pool", "--pool-name", "too-many", "--user-pool-tags", fifty + ",k50=v"))
            .AssertError("InvalidParameterException", "CreateUserPool", "A resource can have at most 50 tags.");

        var tags = (await cli.CognitoIdpAsync(ct, "list-tags-for-resource", "--resource-arn", arn)).Ok().Prop("Tags");
        Assert.Equal(50, tags.EnumerateObject().Count());
        Assert.Equal("changed", tags.Str("k00"));
    }
}
