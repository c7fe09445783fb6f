namespace Ninsho.Server.Tests;

[CollectionDefinition(Name)]
public sealed class SchemaServer : ICollectionFixture<NinshoServerFixture>
{
    public const string Name = "Issue 16 schema and attributes (one shared server)";
}

/// <summary>Issue 16 through the <c>aws</c> CLI: the user pool schema and user attributes answer as Cognito answers
/// (docs/compatibility-schema.md): the legacy verification messages follow the template, schema attributes are
/// checked as Cognito checks them, an attribute error lists every bad attribute, and a client may only name
/// attributes the schema has.</summary>
[Collection(SchemaServer.Name)]
public sealed class SchemaCompatibilityTests(NinshoServerFixture fixture)
{
    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_fill_the_legacy_verification_messages_from_the_template()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("templates", ct,
            "--verification-message-template",
            """{"EmailMessage":"Template code {####}","EmailSubject":"Template subject","SmsMessage":"Template SMS {####}"}""",
            "--email-verification-message", "Legacy code {####}");
        var pool = await Cli.DescribePoolAsync(poolId, ct);
        Assert.Equal(
            ("Template code {####}", "Template subject", "Template SMS {####}"),
            (pool.Str("EmailVerificationMessage"), pool.Str("EmailVerificationSubject"), pool.Str("SmsVerificationMessage")));

        // Field by field: what the template leaves out keeps the legacy value the request gives.
        (await Cli.CognitoIdpAsync(ct, "update-user-pool", "--user-pool-id", poolId,
            "--verification-message-template", """{"EmailMessage":"Updated code {####}"}""",
            "--email-verification-message", "Legacy again {####}",
            "--email-verification-subject", "Legacy subject")).OkEmpty();
        pool = await Cli.DescribePoolAsync(poolId, ct);
        Assert.Equal(("Updated code {####}", "Legacy subject"), (pool.Str("EmailVerificationMessage"), pool.Str("EmailVerificationSubject")));
        pool.AssertMissing("SmsVerificationMessage");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_schema_attributes_as_Cognito_does()
    {
        var ct = TestContext.Current.CancellationToken;
        async Task RefusedAsync(string schema, string message) =>
            (await Cli.CognitoIdpAsync(ct, "create-user-pool", "--pool-name", "refused", "--schema", schema))
                .AssertError("InvalidParameterException", "CreateUserPool", message);

        await RefusedAsync("""[{"Name":"email","AttributeDataType":"Number"}]""",
            "You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute email");
        await RefusedAsync("""[{"Name":"email_verified","AttributeDataType":"String"}]""",
            "You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute email_verified");
        await RefusedAsync("""[{"Name":"name","AttributeDataType":"String","DeveloperOnlyAttribute":true}]""",
            "You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute name");
        await RefusedAsync("""[{"Name":"plan","Mutable":true}]""",
            "Invalid AttributeDataType input, consider using the provided AttributeDataType enum.");
        await RefusedAsync("""[{"Name":"plan","AttributeDataType":"String","StringAttributeConstraints":{"MinLength":"one"}}]""",
            "Invalid StringAttributeConstraints for schema attribute custom:plan");
        await RefusedAsync("""[{"Name":"plan","AttributeDataType":"String","StringAttributeConstraints":{"MinLength":"-1"}}]""",
            "Invalid StringAttributeConstraints for schema attribute custom:plan");
        await RefusedAsync("""[{"Name":"plan","AttributeDataType":"String","StringAttributeConstraints":{"MaxLength":"2049"}}]""",
            "user.custom:plan: String attributes cannot have a length of more than 2048");
        await RefusedAsync("""[{"Name":"email","AttributeDataType":"String","StringAttributeConstraints":{"MinLength":"5","MaxLength":"4"}}]""",
            "user.email: Max length cannot be less than min length.");
        await RefusedAsync("""[{"Name":"age","AttributeDataType":"Number","NumberAttributeConstraints":{"MinValue":"ten"}}]""",
            "Invalid NumberAttributeConstraints for schema attribute custom:age");
        await RefusedAsync("""[{"Name":"age","AttributeDataType":"Number","NumberAttributeConstraints":{"MinValue":"10","MaxValue":"9"}}]""",
            "user.custom:age: Max value cannot be less than min value.");
        await RefusedAsync("""[{"Name":"plan","AttributeDataType":"String"},{"Name":"plan","AttributeDataType":"Number"}]""",
            "custom:plan: Existing attribute already has name custom:plan.");

        // Within the limits, with the standard type given again, the pool is made; a name given as custom:x is kept
        // whole behind the prefix, as Cognito does.
        var poolId = await Cli.CreatePoolAsync("accepted", ct, "--schema", """
            [{"Name":"email","AttributeDataType":"String","Required":true,"StringAttributeConstraints":{"MinLength":"0","MaxLength":"2048"}},
             {"Name":"age","AttributeDataType":"Number","NumberAttributeConstraints":{"MinValue":"-5","MaxValue":"-5"}},
             {"Name":"custom:tier","AttributeDataType":"String"}]
            """);
        var names = (await Cli.DescribePoolAsync(poolId, ct)).Items("SchemaAttributes").Select(a => a.Str("Name")).ToList();
        Assert.Contains("custom:age", names);
        Assert.Contains("custom:custom:tier", names);
        Assert.DoesNotContain("custom:tier", names);

        // AddCustomAttributes: the same rules, and the duplicate is named the way the request named it.
        (await Cli.CognitoIdpAsync(ct, "add-custom-attributes", "--user-pool-id", poolId, "--custom-attributes", """[{"Name":"plan"}]"""))
            .AssertError("InvalidParameterException", "AddCustomAttributes", "Invalid AttributeDataType input, consider using the provided AttributeDataType enum.");
        (await Cli.CognitoIdpAsync(ct, "add-custom-attributes", "--user-pool-id", poolId, "--custom-attributes",
            """[{"Name":"plan","AttributeDataType":"String","StringAttributeConstraints":{"MinLength":"9","MaxLength":"3"}}]"""))
            .AssertError("InvalidParameterException", "AddCustomAttributes", "user.custom:plan: Max length cannot be less than min length.");
        (await Cli.CognitoIdpAsync(ct, "add-custom-attributes", "--user-pool-id", poolId, "--custom-attributes",
            """[{"Name":"custom:tier","AttributeDataType":"String"}]"""))
            .AssertError("InvalidParameterException", "AddCustomAttributes", "custom:custom:tier: Existing attribute already has name custom:custom:tier.");
        (await Cli.CognitoIdpAsync(ct, "add-custom-attributes", "--user-pool-id", poolId, "--custom-attributes",
            """[{"Name":"custom:plan","AttributeDataType":"String"}]""")).OkEmpty();
        Assert.Contains("custom:custom:plan", (await Cli.DescribePoolAsync(poolId, ct)).Items("SchemaAttributes").Select(a => a.Str("Name")));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_list_every_bad_attribute_in_one_error()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("listed", ct, "--schema",
            """[{"Name":"age","AttributeDataType":"Number","Mutable":true},{"Name":"tier","AttributeDataType":"String","Mutable":false}]""");
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct);

        // Creating: one "did not conform to the schema" message, one line per attribute, each ending in a newline.
        (await Cli.CognitoIdpAsync(ct, "admin-create-user", "--user-pool-id", poolId, "--username", "ann", "--message-action", "SUPPRESS",
            "--user-attributes", "Name=custom:nope,Value=1", "Name=name,Value=Ann", "Name=custom:age,Value=old"))
            .AssertError("InvalidParameterException", "AdminCreateUser",
                "Attributes did not conform to the schema: custom:nope: Attribute does not exist in the schema.\n"
                + "custom:age: Number attribute value is not a number.\n");
        (await Cli.CognitoIdpAsync(ct, "sign-up", "--client-id", clientId, "--username", "ann", "--password", CliSteps.Password,
            "--user-attributes", "Name=favourite,Value=blue", "Name=custom:nope,Value=1"))
            .AssertError("InvalidParameterException", "SignUp",
                "Attributes did not conform to the schema: favourite: Attribute does not exist in the schema.\n"
                + "custom:nope: Attribute does not exist in the schema.\n");

        // Updating: each line is "user.<attribute>: <problem>", without the "did not conform" lead.
        _ = await Cli.CreateConfirmedUserAsync(poolId, "ann", ct, "Name=custom:tier,Value=gold");
        (await Cli.CognitoIdpAsync(ct, "admin-update-user-attributes", "--user-pool-id", poolId, "--username", "ann",
            "--user-attributes", "Name=custom:foo,Value=1", "Name=custom:tier,Value=silver", "Name=name,Value=Ann"))
            .AssertError("InvalidParameterException", "AdminUpdateUserAttributes",
                "user.custom:foo: Attribute does not exist in the schema.\n"
                + "user.custom:tier: Attribute cannot be updated. (changing an immutable attribute)\n");
        var token = (await Cli.SignInAsync(clientId, "ann", ct)).Str("AccessToken");
        (await Cli.CognitoIdpAsync(ct, "update-user-attributes", "--access-token", token,
            "--user-attributes", "Name=custom:foo,Value=1", "Name=custom:bar,Value=2"))
            .AssertError("InvalidParameterException", "UpdateUserAttributes",
                "user.custom:foo: Attribute does not exist in the schema.\n"
                + "user.custom:bar: Attribute does not exist in the schema.\n");

        // Nothing was written by the refused calls.
        var user = (await Cli.GetUserAsync(poolId, "ann", ct)).Attributes("UserAttributes");
        Assert.Contains(new KeyValuePair<string, string>("custom:tier", "gold"), user);
        Assert.DoesNotContain(user, a => a.Key == "name");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_client_read_and_write_attributes_the_schema_lacks()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("client-attributes", ct, "--schema",
            """[{"Name":"plan","AttributeDataType":"String","Mutable":true}]""");

        (await Cli.CognitoIdpAsync(ct, "create-user-pool-client", "--user-pool-id", poolId, "--client-name", "bad-read",
            "--read-attributes", "email", "custom:nope"))
            .AssertError("InvalidParameterException", "CreateUserPoolClient", "Invalid read attributes specified while creating a client");
        (await Cli.CognitoIdpAsync(ct, "create-user-pool-client", "--user-pool-id", poolId, "--client-name", "bad-write",
            "--write-attributes", "plan"))
            .AssertError("InvalidParameterException", "CreateUserPoolClient", "Invalid write attributes specified while creating a client");

        var clientId = (await Cli.CreateClientAsync(poolId, "good", ct,
            "--read-attributes", "email", "custom:plan", "--write-attributes", "email", "custom:plan")).Str("ClientId");
        (await Cli.CognitoIdpAsync(ct, "update-user-pool-client", "--user-pool-id", poolId, "--client-id", clientId,
            "--read-attributes", "shoe_size"))
            .AssertError("InvalidParameterException", "UpdateUserPoolClient", "Invalid read attributes specified while updating a client");
        (await Cli.CognitoIdpAsync(ct, "update-user-pool-client", "--user-pool-id", poolId, "--client-id", clientId,
            "--write-attributes", "custom:other"))
            .AssertError("InvalidParameterException", "UpdateUserPoolClient", "Invalid write attributes specified while updating a client");

        var client = (await Cli.CognitoIdpAsync(ct, "describe-user-pool-client", "--user-pool-id", poolId, "--client-id", clientId))
            .Ok().Prop("UserPoolClient");
        Assert.Equal(["email", "custom:plan"], client.Items("WriteAttributes").Select(a => a.GetString()));
    }
}
