using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ninsho.Server.Tests;

[CollectionDefinition(Name)]
public sealed class UserPoolServer : ICollectionFixture<NinshoServerFixture>
{
    public const string Name = "User pools through the CLI (one shared server)";
}

/// <summary>
/// create / describe / list / update / delete-user-pool through the real AWS CLI: Cognito's defaults
/// (docs/cognito-behaviour.md#password-policy, #user-attributes-and-schema), paging (docs/cognito-behaviour.md#page-sizes-and-pagination-tokens) and the missing-pool error (docs/cognito-behaviour.md#error-messages).
/// </summary>
[Collection(UserPoolServer.Name)]
public sealed partial class UserPoolTests(NinshoServerFixture fixture)
{
    /// <summary>The standard attributes in the order Cognito lists them (awscli example create-user-pool).</summary>
    private static readonly string[] StandardAttributes =
    [
        "sub", "name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile",
        "picture", "website", "email", "email_verified", "gender", "birthdate", "zoneinfo", "locale",
        "phone_number", "phone_number_verified", "address", "updated_at",
    ];

    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_apply_cognito_defaults_when_pool_is_created_with_a_name_only()
    {
        var ct = TestContext.Current.CancellationToken;

        var pool = (await Cli.CognitoIdpAsync(ct, "create-user-pool", "--pool-name", "defaults")).Ok().Prop("UserPool");

        var poolId = pool.Str("Id");
        Assert.Matches(PoolIdRegex(), poolId);
        Assert.Equal("defaults", pool.Str("Name"));
        Assert.Matches($@"^arn:aws:cognito-idp:{AwsCli.Region}:[0-9]{{12}}:userpool/{Regex.Escape(poolId)}$", pool.Str("Arn"));
        pool.AssertEpochSeconds("CreationDate");
        pool.AssertEpochSeconds("LastModifiedDate");
        Assert.Equal(pool.Prop("CreationDate").GetDouble(), pool.Prop("LastModifiedDate").GetDouble());
        Assert.Equal("OFF", pool.Str("MfaConfiguration"));
        pool.AssertEmptyObject("LambdaConfig");
        pool.AssertNumber("EstimatedNumberOfUsers", 0);
        pool.AssertMissing("UsernameAttributes");
        pool.AssertMissing("AliasAttributes");
        pool.Prop("AdminCreateUserConfig").AssertFalse("AllowAdminCreateUserOnly");

        var policy = pool.Prop("Policies").Prop("PasswordPolicy");
        policy.AssertNumber("MinimumLength", 8);
        policy.AssertTrue("RequireUppercase");
        policy.AssertTrue("RequireLowercase");
        policy.AssertTrue("RequireNumbers");
        policy.AssertTrue("RequireSymbols");
        policy.AssertNumber("TemporaryPasswordValidityDays", 7);

        var schema = pool.Items("SchemaAttributes");
        Assert.Equal(StandardAttributes, schema.Select(a => a.Str("Name")));
        var sub = schema[0];
        Assert.Equal("String", sub.Str("AttributeDataType"));
        sub.AssertFalse("Mutable");
        sub.AssertTrue("Required");
        sub.AssertFalse("DeveloperOnlyAttribute");
        Assert.Equal("1", sub.Prop("StringAttributeConstraints").Str("MinLength"));
        Assert.Equal("2048", sub.Prop("StringAttributeConstraints").Str("MaxLength"));
        var email = schema.Single(a => a.Str("Name") == "email");
        Assert.Equal("String", email.Str("AttributeDataType"));
        email.AssertTrue("Mutable");
        email.AssertFalse("Required");
        Assert.Equal("0", email.Prop("StringAttributeConstraints").Str("MinLength"));
        Assert.Equal("Boolean", schema.Single(a => a.Str("Name") == "email_verified").Str("AttributeDataType"));
        var updatedAt = schema.Single(a => a.Str("Name") == "updated_at");
        Assert.Equal("Number", updatedAt.Str("AttributeDataType"));
        Assert.Equal("0", updatedAt.Prop("NumberAttributeConstraints").Str("MinValue"));

        // describe-user-pool shows the same pool.
        var described = await Cli.DescribePoolAsync(poolId, ct);
        Assert.Equal(poolId, described.Str("Id"));
        Assert.Equal(pool.Str("Arn"), described.Str("Arn"));
        Assert.Equal(pool.Prop("CreationDate").GetDouble(), described.Prop("CreationDate").GetDouble());
        Assert.Equal(pool.Prop("LastModifiedDate").GetDouble(), described.Prop("LastModifiedDate").GetDouble());
        Assert.Equal("OFF", described.Str("MfaConfiguration"));
        Assert.Equal(StandardAttributes, described.Items("SchemaAttributes").Select(a => a.Str("Name")));
        Assert.Equal(policy.GetRawText(), described.Prop("Policies").Prop("PasswordPolicy").GetRawText());
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_keep_policy_schema_and_username_attributes_when_given_at_creation()
    {
        var ct = TestContext.Current.CancellationToken;

        var pool = (await Cli.CognitoIdpAsync(ct,
            "create-user-pool", "--pool-name", "configured",
            "--username-attributes", "email",
            "--auto-verified-attributes", "email",
            "--mfa-configuration", "OFF",
            "--policies", """{"PasswordPolicy":{"MinimumLength":10,"RequireUppercase":false,"RequireLowercase":true,"RequireNumbers":true,"RequireSymbols":false,"TemporaryPasswordValidityDays":3}}""",
            "--schema",
            """[{"Name":"email","AttributeDataType":"String","Mutable":true,"Required":true},{"Name":"tenant","AttributeDataType":"String","Mutable":true,"StringAttributeConstraints":{"MinLength":"1","MaxLength":"64"}}]"""))
            .Ok().Prop("UserPool");

        AssertConfigured(pool);
        AssertConfigured(await Cli.DescribePoolAsync(pool.Str("Id"), ct));

        static void AssertConfigured(JsonElement pool)
        {
            Assert.Equal(["email"], pool.Items("UsernameAttributes").Select(a => a.GetString()));
            Assert.Equal(["email"], pool.Items("AutoVerifiedAttributes").Select(a => a.GetString()));
            Assert.Equal("OFF", pool.Str("MfaConfiguration"));
            var policy = pool.Prop("Policies").Prop("PasswordPolicy");
            policy.AssertNumber("MinimumLength", 10);
            policy.AssertFalse("RequireUppercase");
            policy.AssertTrue("RequireLowercase");
            policy.AssertTrue("RequireNumbers");
            policy.AssertFalse("RequireSymbols");
            policy.AssertNumber("TemporaryPasswordValidityDays", 3);

            var schema = pool.Items("SchemaAttributes");
            Assert.Equal([.. StandardAttributes, "custom:tenant"], schema.Select(a => a.Str("Name")));
            schema.Single(a => a.Str("Name") == "email").AssertTrue("Required");
            var tenant = schema[^1];
            Assert.Equal("String", tenant.Str("AttributeDataType"));
            tenant.AssertTrue("Mutable");
            tenant.AssertFalse("Required");
            tenant.AssertFalse("DeveloperOnlyAttribute");
            Assert.Equal("64", tenant.Prop("StringAttributeConstraints").Str("MaxLength"));
        }
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_page_with_NextToken_when_list_user_pools_is_given_max_results()
    {
        var ct = TestContext.Current.CancellationToken;
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            created.Add(await Cli.CreatePoolAsync($"paged-{i}", ct));
        }

        // With --max-results the CLI sends one request and prints NextToken; follow it by hand to the end.
        // Other tests of this collection may have made pools too, so only ours are asserted exactly.
        var seen = new List<string>();
        string? token = null;
        for (var page = 0; ; page++)
        {
            Assert.True(page < 200, "list-user-pools did not stop returning NextToken");
            string[] args = token is null
                ? ["list-user-pools", "--max-results", "2"]
                : ["list-user-pools", "--max-results", "2", "--next-token", token];
            var output = (await Cli.CognitoIdpAsync(ct, args)).Ok();
            var pools = output.Items("UserPools");
            Assert.InRange(pools.Count, 1, 2);
            foreach (var p in pools)
            {
                Assert.Equal(["CreationDate", "Id", "LambdaConfig", "LastModifiedDate", "Name"], p.Names().Order(StringComparer.Ordinal));
                seen.Add(p.Str("Id"));
            }

            if (!output.Has("NextToken"))
            {
                break;
            }

            token = output.Str("NextToken");
        }

        Assert.Equal(seen.Count, seen.Distinct(StringComparer.Ordinal).Count());
        Assert.All(created, id => Assert.Contains(id, seen));

        // MaxResults is required (the CLI refuses before sending) and at most 60 (the server's model check).
        var missing = await Cli.CognitoIdpAsync(ct, "list-user-pools");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("the following arguments are required: --max-results", missing.Stderr, StringComparison.Ordinal);
        (await Cli.CognitoIdpAsync(ct, "list-user-pools", "--max-results", "61")).AssertError(
            "InvalidParameterException", "ListUserPools",
            "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_keep_the_change_and_move_LastModifiedDate_when_pool_is_updated()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("before-update", ct);
        var before = await Cli.DescribePoolAsync(poolId, ct);

        (await Cli.CognitoIdpAsync(ct,
            "update-user-pool", "--user-pool-id", poolId,
            "--auto-verified-attributes", "email",
            "--policies", """{"PasswordPolicy":{"MinimumLength":14,"RequireUppercase":true,"RequireLowercase":true,"RequireNumbers":true,"RequireSymbols":false}}"""))
            .OkEmpty();

        var after = await Cli.DescribePoolAsync(poolId, ct);
        Assert.Equal(["email"], after.Items("AutoVerifiedAttributes").Select(a => a.GetString()));
        var policy = after.Prop("Policies").Prop("PasswordPolicy");
        policy.AssertNumber("MinimumLength", 14);
        policy.AssertFalse("RequireSymbols");
        Assert.Equal(before.Prop("CreationDate").GetDouble(), after.Prop("CreationDate").GetDouble());
        Assert.True(
            after.Prop("LastModifiedDate").GetDouble() > before.Prop("LastModifiedDate").GetDouble(),
            $"LastModifiedDate did not move: {before.Prop("LastModifiedDate")} → {after.Prop("LastModifiedDate")}");
        Assert.Equal(before.Str("Arn"), after.Str("Arn"));

        // The new policy is the one enforced.
        (await Cli.CognitoIdpAsync(ct,
            "admin-create-user", "--user-pool-id", poolId, "--username", "shortpw", "--temporary-password", "Abcdefgh1234"))
            .AssertError("InvalidPasswordException", "AdminCreateUser", "Password does not conform to policy: Password not long enough");
        _ = (await Cli.CognitoIdpAsync(ct,
            "admin-create-user", "--user-pool-id", poolId, "--username", "longpw", "--temporary-password", "Abcdefgh123456",
            "--message-action", "SUPPRESS")).Ok();
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_answer_ResourceNotFoundException_when_pool_is_deleted()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("doomed", ct);
        _ = await Cli.CreateUserAsync(poolId, "someone", ct);

        (await Cli.CognitoIdpAsync(ct, "delete-user-pool", "--user-pool-id", poolId)).OkEmpty();

        var message = $"User pool {poolId} does not exist.";
        (await Cli.CognitoIdpAsync(ct, "describe-user-pool", "--user-pool-id", poolId))
            .AssertError("ResourceNotFoundException", "DescribeUserPool", message);
        (await Cli.CognitoIdpAsync(ct, "delete-user-pool", "--user-pool-id", poolId))
            .AssertError("ResourceNotFoundException", "DeleteUserPool", message);
        (await Cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", poolId, "--username", "someone"))
            .AssertError("ResourceNotFoundException", "AdminGetUser", message);
        (await Cli.CognitoIdpAsync(ct, "list-users", "--user-pool-id", poolId))
            .AssertError("ResourceNotFoundException", "ListUsers", message);
        Assert.DoesNotContain(
            (await Cli.CognitoIdpAsync(ct, "list-user-pools", "--max-results", "60")).Ok().Items("UserPools"),
            p => p.Str("Id") == poolId);
    }

    [GeneratedRegex(@"^ap-northeast-1_[0-9a-zA-Z]+$")]
    private static partial Regex PoolIdRegex();
}
