namespace Ninsho.Server.Tests;

/// <summary>User pool (prefix) domains through the real AWS CLI: a domain belongs to one pool on the server,
/// DescribeUserPool shows it, DescribeUserPoolDomain of an unknown domain answers an empty description (relied on
/// by tools to test whether a prefix is free; not in the API reference, so unconfirmed). "Domain already associated
/// with another user pool." and "User pool already has a domain configured." are observed Cognito texts; "No such
/// domain or user pool exists." is guessed.</summary>
[Collection(DirectoryServer.Name)]
public sealed class UserPoolDomainTests(NinshoServerFixture fixture)
{
    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_create_describe_update_and_delete_a_prefix_domain_unique_across_pools()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("domain-a", ct);
        var otherPool = await Cli.CreatePoolAsync("domain-b", ct);
        var prefix = "ninsho-" + Guid.NewGuid().ToString("N")[..12];

        var unknown = (await Cli.CognitoIdpAsync(ct, "describe-user-pool-domain", "--domain", prefix)).Ok();
        unknown.AssertEmptyObject("DomainDescription");
        (await Cli.DescribePoolAsync(poolId, ct)).AssertMissing("Domain");

        var created = (await Cli.CognitoIdpAsync(ct, "create-user-pool-domain", "--user-pool-id", poolId, "--domain", prefix)).Ok();
        created.AssertNumber("ManagedLoginVersion", 1);
        created.AssertMissing("CloudFrontDomain");

        var description = (await Cli.CognitoIdpAsync(ct, "describe-user-pool-domain", "--domain", prefix)).Ok().Prop("DomainDescription");
        Assert.Equal(poolId, description.Str("UserPoolId"));
        Assert.Equal(prefix, description.Str("Domain"));
        Assert.Equal("ACTIVE", description.Str("Status"));
        Assert.Matches("^[0-9]{12}$", description.Str("AWSAccountId"));
        description.AssertNumber("ManagedLoginVersion", 1);
        description.AssertMissing("CustomDomainConfig");
        Assert.Equal(prefix, (await Cli.DescribePoolAsync(poolId, ct)).Str("Domain"));

        (await Cli.CognitoIdpAsync(ct, "create-user-pool-domain", "--user-pool-id", otherPool, "--domain", prefix))
            .AssertError("InvalidParameterException", "CreateUserPoolDomain", "Domain already associated with another user pool.");
        (await Cli.CognitoIdpAsync(ct, "create-user-pool-domain", "--user-pool-id", poolId, "--domain", prefix + "-2"))
            .AssertError("InvalidParameterException", "CreateUserPoolDomain", "User pool already has a domain configured.");
        (await Cli.CognitoIdpAsync(ct, "create-user-pool-domain", "--user-pool-id", poolId, "--domain", "Bad_Prefix"))
            .AssertErrorStartsWith("InvalidParameterException", "CreateUserPoolDomain", "1 validation error detected: Value 'Bad_Prefix' at 'domain'");

        var updated = (await Cli.CognitoIdpAsync(ct, "update-user-pool-domain", "--user-pool-id", poolId, "--domain", prefix,
            "--managed-login-version", "2")).Ok();
        updated.AssertNumber("ManagedLoginVersion", 2);
        (await Cli.CognitoIdpAsync(ct, "describe-user-pool-domain", "--domain", prefix)).Ok().Prop("DomainDescription").AssertNumber("ManagedLoginVersion", 2);
        (await Cli.CognitoIdpAsync(ct, "update-user-pool-domain", "--user-pool-id", otherPool, "--domain", prefix, "--managed-login-version", "1"))
            .AssertError("InvalidParameterException", "UpdateUserPoolDomain", "No such domain or user pool exists.");

        (await Cli.CognitoIdpAsync(ct, "delete-user-pool-domain", "--user-pool-id", otherPool, "--domain", prefix))
            .AssertError("InvalidParameterException", "DeleteUserPoolDomain", "No such domain or user pool exists.");
        (await Cli.CognitoIdpAsync(ct, "delete-user-pool-domain", "--user-pool-id", poolId, "--domain", prefix)).OkEmpty();
        (await Cli.CognitoIdpAsync(ct, "describe-user-pool-domain", "--domain", prefix)).Ok().AssertEmptyObject("DomainDescription");
        (await Cli.DescribePoolAsync(poolId, ct)).AssertMissing("Domain");

        // Freed, the prefix can go to another pool.
        (await Cli.CognitoIdpAsync(ct, "create-user-pool-domain", "--user-pool-id", otherPool, "--domain", prefix)).Ok();
        Assert.Equal(otherPool, (await Cli.CognitoIdpAsync(ct, "describe-user-pool-domain", "--domain", prefix)).Ok().Prop("DomainDescription").Str("UserPoolId"));
    }
}
