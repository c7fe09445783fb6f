namespace Ninsho.Server.Tests;

/// <summary>TagResource, UntagResource and ListTagsForResource on user-pool ARNs through the AWS CLI, consistent
/// with the pool's UserPoolTags.</summary>
[Collection(DirectoryServer.Name)]
public sealed class TagTests(NinshoServerFixture fixture)
{
    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_tag_untag_and_list_a_pool_by_its_arn_in_step_with_UserPoolTags()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = (await Cli.CognitoIdpAsync(ct, "create-user-pool", "--pool-name", "tags", "--user-pool-tags", "team=id")).Ok().Prop("UserPool");
        var poolId = pool.Str("Id");
        var arn = pool.Str("Arn");
        Assert.Matches($"^arn:aws:cognito-idp:{AwsCli.Region}:[0-9]{{12}}:userpool/{poolId}$", arn);

        Assert.Equal([new("team", "id")], Tags(await Cli.CognitoIdpAsync(ct, "list-tags-for-resource", "--resource-arn", arn)));

        (await Cli.CognitoIdpAsync(ct, "tag-resource", "--resource-arn", arn, "--tags", "env=test,team=platform")).OkEmpty();
        Assert.Equal([new("env", "test"), new("team", "platform")], Tags(await Cli.CognitoIdpAsync(ct, "list-tags-for-resource", "--resource-arn", arn)));
        var described = (await Cli.CognitoIdpAsync(ct, "describe-user-pool", "--user-pool-id", poolId)).Ok().Prop("UserPool");
        Assert.Equal("test", described.Prop("UserPoolTags").Str("env"));
        Assert.Equal("platform", described.Prop("UserPoolTags").Str("team"));

        (await Cli.CognitoIdpAsync(ct, "untag-resource", "--resource-arn", arn, "--tag-keys", "team", "absent")).OkEmpty();
        Assert.Equal([new("env", "test")], Tags(await Cli.CognitoIdpAsync(ct, "list-tags-for-resource", "--resource-arn", arn)));

        // UpdateUserPool's tags replace them; the tag operations see that.
        (await Cli.CognitoIdpAsync(ct, "update-user-pool", "--user-pool-id", poolId, "--user-pool-tags", "owner=me")).OkEmpty();
        Assert.Equal([new("owner", "me")], Tags(await Cli.CognitoIdpAsync(ct, "list-tags-for-resource", "--resource-arn", arn)));

        (await Cli.CognitoIdpAsync(ct, "untag-resource", "--resource-arn", arn, "--tag-keys", "owner")).OkEmpty();
        Assert.Empty(Tags(await Cli.CognitoIdpAsync(ct, "list-tags-for-resource", "--resource-arn", arn)));

        var missingArn = arn[..(arn.LastIndexOf('/') + 1)] + AwsCli.Region + "_NoSuchPoo1";
        (await Cli.CognitoIdpAsync(ct, "tag-resource", "--resource-arn", missingArn, "--tags", "a=b"))
            .AssertError("ResourceNotFoundException", "TagResource", $"User pool {AwsCli.Region}_NoSuchPoo1 does not exist.");
        (await Cli.CognitoIdpAsync(ct, "list-tags-for-resource", "--resource-arn", "arn:aws:cognito-idp:ap-northeast-1:999999999999:userpool/" + poolId))
            .AssertErrorStartsWith("InvalidParameterException", "ListTagsForResource", "Invalid ARN");
    }

    private static List<KeyValuePair<string, string>> Tags(AwsCliResult result)
    {
        var output = result.Ok();
        return [.. output.Prop("Tags").EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)).OrderBy(p => p.Key, StringComparer.Ordinal)];
    }
}
