namespace Ninsho.Server.Tests;

/// <summary>Issue 4 through the <c>aws</c> CLI: custom attributes are checked against their schema on write
/// (NumberAttributeConstraints, Mutable=false), and a refused write changes nothing.</summary>
[Collection(UserLifecycleServer.Name)]
public sealed class CustomAttributeTests(NinshoServerFixture fixture)
{
    private const int TestTimeoutMs = 300_000;

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
                "Attributes did not conform to the schema: custom:tier: Attribute cannot be updated. (changing an immutable attribute)");
        var user = (await Cli.GetUserAsync(poolId, "kim", ct)).Attributes("UserAttributes").ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        Assert.Equal(("42", "gold"), (user["custom:age"], user["custom:tier"]));
    }
}
