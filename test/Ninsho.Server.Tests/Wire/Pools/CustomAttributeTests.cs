namespace Ninsho.Server.Tests;

/// <summary>Issue 4 through the <c>aws</c> CLI: custom attributes are checked against their schema on write
/// (NumberAttributeConstraints, Mutable=false), and a refused write changes nothing.</summary>
[Collection(UserLifecycleServer.Name)]
public sealed class CustomAttributeTests(NinshoServerFixture fixture)
{
    private const string Schema = """
        [{"Name":"age","AttributeDataType":"Number","Mutable":true,"NumberAttributeConstraints":{"MinValue":"18","MaxValue":"99"}},
         {"Name":"tier","AttributeDataType":"String","Mutable":false}]
        """;

    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Checks_number_constraints_and_refuses_to_update_an_immutable_custom_attribute()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("custom", ct, "--schema", Schema);
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct);

        // The Number wordings are guessed: they follow the String ones ("String must be no longer than N characters").
        (await Cli.CognitoIdpAsync(ct, "sign-up", "--client-id", clientId, "--username", "kim", "--password", CliSteps.Password,
            "--user-attributes", "Name=custom:age,Value=17"))
            .AssertError("InvalidParameterException", "SignUp", "Attributes did not conform to the schema: custom:age: Number must be no less than 18");
        (await Cli.CognitoIdpAsync(ct, "sign-up", "--client-id", clientId, "--username", "kim", "--password", CliSteps.Password,
            "--user-attributes", "Name=custom:age,Value=100"))
            .AssertError("InvalidParameterException", "SignUp", "Attributes did not conform to the schema: custom:age: Number must be no greater than 99");
        _ = (await Cli.CognitoIdpAsync(ct, "sign-up", "--client-id", clientId, "--username", "kim", "--password", CliSteps.Password,
            "--user-attributes", "Name=custom:age,Value=42", "Name=custom:tier,Value=gold")).Ok();

        (await Cli.CognitoIdpAsync(ct, "admin-update-user-attributes", "--user-pool-id", poolId, "--username", "kim",
            "--user-attributes", "Name=custom:tier,Value=platinum", "Name=custom:age,Value=43"))
            .AssertError("InvalidParameterException", "AdminUpdateUserAttributes",
                "user.custom:tier: Attribute cannot be updated. (changing an immutable attribute)\n");
        var user = (await Cli.GetUserAsync(poolId, "kim", ct)).Attributes("UserAttributes").ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        Assert.Equal(("42", "gold"), (user["custom:age"], user["custom:tier"]));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Checks_DateTime_and_Boolean_values_and_changes_nothing_on_a_bad_one()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("typed", ct, "--schema",
            """[{"Name":"joined","AttributeDataType":"DateTime","Mutable":true},{"Name":"member","AttributeDataType":"Boolean","Mutable":true}]""");
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct);

        // Cognito documents no DateTime format; ISO 8601 dates and date-times are our choice, and the wording is
        // guessed after the Number one ("Number attribute value is not a number.").
        foreach (var bad in new[] { "yesterday", "2026-13-01", "2026-02-30", "23/11/2026", "1700000000" })
        {
            (await Cli.CognitoIdpAsync(ct, "sign-up", "--client-id", clientId, "--username", "dot", "--password", CliSteps.Password,
                "--user-attributes", "Name=custom:joined,Value=" + bad))
                .AssertError("InvalidParameterException", "SignUp",
                    "Attributes did not conform to the schema: custom:joined: DateTime attribute value is not a valid ISO 8601 date or date-time.");
        }

        (await Cli.CognitoIdpAsync(ct, "sign-up", "--client-id", clientId, "--username", "dot", "--password", CliSteps.Password,
            "--user-attributes", "Name=custom:member,Value=yes"))
            .AssertError("InvalidParameterException", "SignUp", "Attributes did not conform to the schema: custom:member: Attribute value must be true or false.");
        _ = (await Cli.CognitoIdpAsync(ct, "sign-up", "--client-id", clientId, "--username", "dot", "--password", CliSteps.Password,
            "--user-attributes", "Name=custom:joined,Value=2026-11-23", "Name=custom:member,Value=true")).Ok();
        foreach (var good in new[] { "2026-11-23T17:45:00Z", "2026-11-23T17:45:00.123+09:00", "2026-11-23T17:45" })
        {
            (await Cli.CognitoIdpAsync(ct, "admin-update-user-attributes", "--user-pool-id", poolId, "--username", "dot",
                "--user-attributes", "Name=custom:joined,Value=" + good)).OkEmpty();
        }

        (await Cli.CognitoIdpAsync(ct, "admin-update-user-attributes", "--user-pool-id", poolId, "--username", "dot",
            "--user-attributes", "Name=custom:member,Value=false", "Name=custom:joined,Value=soon"))
            .AssertError("InvalidParameterException", "AdminUpdateUserAttributes",
                "user.custom:joined: DateTime attribute value is not a valid ISO 8601 date or date-time.\n");
        var user = (await Cli.GetUserAsync(poolId, "dot", ct)).Attributes("UserAttributes").ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        Assert.Equal(("2026-11-23T17:45", "true"), (user["custom:joined"], user["custom:member"]));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Adds_custom_attributes_that_users_may_write_only_where_allowed()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("added", ct);
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct);
        (await Cli.CognitoIdpAsync(ct, "add-custom-attributes", "--user-pool-id", poolId, "--custom-attributes",
            "Name=plan,AttributeDataType=String", "Name=score,AttributeDataType=String,DeveloperOnlyAttribute=true")).OkEmpty();
        var schema = (await Cli.DescribePoolAsync(poolId, ct)).Items("SchemaAttributes").Select(a => a.Str("Name")).ToList();
        Assert.Contains("custom:plan", schema);
        Assert.Contains("dev:custom:score", schema);
        (await Cli.CognitoIdpAsync(ct, "add-custom-attributes", "--user-pool-id", poolId, "--custom-attributes", "Name=plan,AttributeDataType=Number"))
            .AssertError("InvalidParameterException", "AddCustomAttributes", "custom:plan: Existing attribute already has name custom:plan.");
        (await Cli.CognitoIdpAsync(ct, "add-custom-attributes", "--user-pool-id", "ap-northeast-1_missing1", "--custom-attributes", "Name=x"))
            .AssertError("ResourceNotFoundException", "AddCustomAttributes", "User pool ap-northeast-1_missing1 does not exist.");

        _ = await Cli.CreateConfirmedUserAsync(poolId, "lee", ct);
        (await Cli.CognitoIdpAsync(ct, "admin-update-user-attributes", "--user-pool-id", poolId, "--username", "lee",
            "--user-attributes", "Name=custom:plan,Value=gold", "Name=dev:custom:score,Value=42")).OkEmpty();
        var tokens = await Cli.SignInAsync(clientId, "lee", ct);
        var claims = Jwt.Payload(tokens.Str("IdToken"));
        Assert.Equal("gold", claims.Str("custom:plan"));
        claims.AssertMissing("dev:custom:score");

        // A user may not write a developer-only attribute, and nothing changes.
        (await Cli.CognitoIdpAsync(ct, "update-user-attributes", "--access-token", tokens.Str("AccessToken"),
            "--user-attributes", "Name=custom:plan,Value=free", "Name=dev:custom:score,Value=99"))
            .AssertError("NotAuthorizedException", "UpdateUserAttributes", "A client attempted to write unauthorized attribute");
        var attributes = (await Cli.GetUserAsync(poolId, "lee", ct)).Attributes("UserAttributes");
        Assert.Contains(new KeyValuePair<string, string>("custom:plan", "gold"), attributes);
        Assert.Contains(new KeyValuePair<string, string>("dev:custom:score", "42"), attributes);

        // A client that lists its WriteAttributes lets its users write only those.
        var narrow = (await Cli.CreateClientAsync(poolId, "narrow", ct, [.. CliSteps.PasswordFlows, "--write-attributes", "name"])).Str("ClientId");
        var narrowTokens = await Cli.SignInAsync(narrow, "lee", ct);
        (await Cli.CognitoIdpAsync(ct, "update-user-attributes", "--access-token", narrowTokens.Str("AccessToken"),
            "--user-attributes", "Name=custom:plan,Value=free"))
            .AssertError("NotAuthorizedException", "UpdateUserAttributes", "A client attempted to write unauthorized attribute");
        (await Cli.CognitoIdpAsync(ct, "update-user-attributes", "--access-token", narrowTokens.Str("AccessToken"),
            "--user-attributes", "Name=name,Value=Lee")).Ok();
        (await Cli.CognitoIdpAsync(ct, "sign-up", "--client-id", narrow, "--username", "max", "--password", CliSteps.Password,
            "--user-attributes", "Name=custom:plan,Value=free"))
            .AssertError("NotAuthorizedException", "SignUp", "A client attempted to write unauthorized attribute");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Schema_and_tag_changes_keep_the_pools_MFA_configuration()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("mfa-kept", ct);
        (await Cli.CognitoIdpAsync(ct, "set-user-pool-mfa-config", "--user-pool-id", poolId,
            "--software-token-mfa-configuration", "Enabled=true", "--mfa-configuration", "OPTIONAL")).Ok();
        var before = (await Cli.CognitoIdpAsync(ct, "get-user-pool-mfa-config", "--user-pool-id", poolId)).Ok().GetRawText();

        var arn = (await Cli.DescribePoolAsync(poolId, ct)).Str("Arn");
        (await Cli.CognitoIdpAsync(ct, "tag-resource", "--resource-arn", arn, "--tags", "team=auth")).OkEmpty();
        (await Cli.CognitoIdpAsync(ct, "add-custom-attributes", "--user-pool-id", poolId, "--custom-attributes", "Name=plan,AttributeDataType=String")).OkEmpty();

        Assert.Equal(before, (await Cli.CognitoIdpAsync(ct, "get-user-pool-mfa-config", "--user-pool-id", poolId)).Ok().GetRawText());
    }
}
