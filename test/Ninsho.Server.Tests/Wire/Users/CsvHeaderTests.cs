namespace Ninsho.Server.Tests;

/// <summary>GetCSVHeader through the AWS CLI, against the awscli example's output for a default pool.</summary>
[Collection(DirectoryServer.Name)]
public sealed class CsvHeaderTests(NinshoServerFixture fixture)
{
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_list_the_standard_attributes_then_mfa_and_username_for_a_default_pool()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = (await fixture.Cli.CognitoIdpAsync(ct, "create-user-pool", "--pool-name", "csv")).Ok().Prop("UserPool").Str("Id");

        var output = (await fixture.Cli.CognitoIdpAsync(ct, "get-csv-header", "--user-pool-id", poolId)).Ok();

        Assert.Equal(poolId, output.Str("UserPoolId"));
        Assert.Equal(
            [
                "name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile", "picture", "website",
                "email", "email_verified", "gender", "birthdate", "zoneinfo", "locale", "phone_number", "phone_number_verified",
                "address", "updated_at", "cognito:mfa_enabled", "cognito:username",
            ],
            output.Items("CSVHeader").Select(h => h.GetString()));
    }
}
