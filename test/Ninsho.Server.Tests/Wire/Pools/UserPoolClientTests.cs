using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ninsho.Server.Tests;

[CollectionDefinition(Name)]
public sealed class UserPoolClientServer : ICollectionFixture<NinshoServerFixture>
{
    public const string Name = "User pool clients through the CLI (one shared server)";
}

/// <summary>
/// create / describe / list / update / delete-user-pool-client through the real AWS CLI: secrets, explicit auth
/// flows, token validity and its units, PreventUserExistenceErrors, EnableTokenRevocation (docs/cognito-behaviour.md#token-lifetimes-and-client-defaults, #identifiers-and-naming).
/// </summary>
[Collection(UserPoolClientServer.Name)]
public sealed partial class UserPoolClientTests(NinshoServerFixture fixture)
{
    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_generate_a_secret_when_generate_secret_is_given()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("secret-clients", ct);

        var client = await Cli.CreateClientAsync(poolId, "with-secret", ct, "--generate-secret");

        var clientId = client.Str("ClientId");
        var secret = client.Str("ClientSecret");
        Assert.Matches(ClientSecretRegex(), secret);
        var other = await Cli.CreateClientAsync(poolId, "with-secret-too", ct, "--generate-secret");
        Assert.NotEqual(secret, other.Str("ClientSecret"));

        // Describe returns the secret; the list never does.
        var described = (await Cli.CognitoIdpAsync(ct,
            "describe-user-pool-client", "--user-pool-id", poolId, "--client-id", clientId)).Ok().Prop("UserPoolClient");
        Assert.Equal(secret, described.Str("ClientSecret"));
        var listed = (await Cli.CognitoIdpAsync(ct, "list-user-pool-clients", "--user-pool-id", poolId)).Ok().Items("UserPoolClients");
        Assert.All(listed, c => c.AssertMissing("ClientSecret"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_keep_flows_validity_and_settings_when_client_is_created_with_them()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("configured-clients", ct);

        var client = await Cli.CreateClientAsync(poolId, "configured", ct,
            "--explicit-auth-flows", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH",
            "--access-token-validity", "30", "--id-token-validity", "2", "--refresh-token-validity", "5",
            "--token-validity-units", "AccessToken=minutes,IdToken=hours,RefreshToken=days",
            "--prevent-user-existence-errors", "ENABLED",
            "--no-enable-token-revocation");

        AssertConfigured(client);
        AssertConfigured((await Cli.CognitoIdpAsync(ct,
            "describe-user-pool-client", "--user-pool-id", poolId, "--client-id", client.Str("ClientId"))).Ok().Prop("UserPoolClient"));

        static void AssertConfigured(JsonElement client)
        {
            Assert.Equal(
                ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_PASSWORD_AUTH"],
                client.Items("ExplicitAuthFlows").Select(f => f.GetString()).Order(StringComparer.Ordinal));
            client.AssertNumber("AccessTokenValidity", 30);
            client.AssertNumber("IdTokenValidity", 2);
            client.AssertNumber("RefreshTokenValidity", 5);
            var units = client.Prop("TokenValidityUnits");
            Assert.Equal("minutes", units.Str("AccessToken"));
            Assert.Equal("hours", units.Str("IdToken"));
            Assert.Equal("days", units.Str("RefreshToken"));
            Assert.Equal("ENABLED", client.Str("PreventUserExistenceErrors"));
            client.AssertFalse("EnableTokenRevocation");
            client.AssertMissing("ClientSecret");
        }
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_token_validity_out_of_range_with_InvalidParameterException()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("validity-limits", ct);

        // Access and ID tokens: 5 minutes to 1 day; refresh tokens: 60 minutes to 10 years (docs/cognito-behaviour.md#token-lifetimes-and-client-defaults).
        // The message is the one real Cognito was seen to give for a refresh validity of 36500 days
        // (awsdocs/aws-cloudformation-user-guide#828, aws-samples/cloudfront-authorization-at-edge#144); that it is
        // the same for every token kind and bound is an assumption.
        string[][] outOfRange =
        [
            ["--access-token-validity", "4", "--token-validity-units", "AccessToken=minutes"],
            ["--access-token-validity", "2", "--token-validity-units", "AccessToken=days"],
            ["--id-token-validity", "25"],
            ["--id-token-validity", "299", "--token-validity-units", "IdToken=seconds"],
            ["--refresh-token-validity", "3651"],
            ["--refresh-token-validity", "59", "--token-validity-units", "RefreshToken=minutes"],
        ];
        foreach (var options in outOfRange)
        {
            (await Cli.CognitoIdpAsync(ct,
                ["create-user-pool-client", "--user-pool-id", poolId, "--client-name", "out-of-range", .. options]))
                .AssertError("InvalidParameterException", "CreateUserPoolClient", "Invalid range for token validity.");
        }

        // Past the model's own limit (86400 s) the generated validation answers first.
        (await Cli.CognitoIdpAsync(ct,
            "create-user-pool-client", "--user-pool-id", poolId, "--client-name", "too-long",
            "--access-token-validity", "86401", "--token-validity-units", "AccessToken=seconds"))
            .AssertError(
                "InvalidParameterException", "CreateUserPoolClient",
                "1 validation error detected: Value '86401' at 'accessTokenValidity' failed to satisfy constraint: Member must have value less than or equal to 86400");

        // The bounds themselves are accepted, on create and on update.
        var client = await Cli.CreateClientAsync(poolId, "at-the-bounds", ct,
            "--access-token-validity", "5", "--id-token-validity", "1", "--refresh-token-validity", "3650",
            "--token-validity-units", "AccessToken=minutes,IdToken=days,RefreshToken=days");
        client.AssertNumber("AccessTokenValidity", 5);
        (await Cli.CognitoIdpAsync(ct,
            "update-user-pool-client", "--user-pool-id", poolId, "--client-id", client.Str("ClientId"),
            "--access-token-validity", "25"))
            .AssertError("InvalidParameterException", "UpdateUserPoolClient", "Invalid range for token validity.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_page_with_NextToken_when_list_user_pool_clients_is_given_max_results()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("many-clients", ct);
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            created.Add((await Cli.CreateClientAsync(poolId, $"client-{i}", ct)).Str("ClientId"));
        }

        var first = (await Cli.CognitoIdpAsync(ct,
            "list-user-pool-clients", "--user-pool-id", poolId, "--max-results", "2")).Ok();
        Assert.Equal(2, first.Items("UserPoolClients").Count);
        var second = (await Cli.CognitoIdpAsync(ct,
            "list-user-pool-clients", "--user-pool-id", poolId, "--max-results", "2", "--next-token", first.Str("NextToken"))).Ok();
        Assert.Single(second.Items("UserPoolClients"));
        second.AssertMissing("NextToken");
        Assert.Equal(
            created.Order(StringComparer.Ordinal),
            first.Items("UserPoolClients").Concat(second.Items("UserPoolClients")).Select(c => c.Str("ClientId")).Order(StringComparer.Ordinal));

        // Without --max-results the CLI follows NextToken itself.
        var all = (await Cli.CognitoIdpAsync(ct, "list-user-pool-clients", "--user-pool-id", poolId)).Ok();
        Assert.Equal(created.Order(StringComparer.Ordinal), all.Items("UserPoolClients").Select(c => c.Str("ClientId")).Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_keep_the_change_and_the_secret_when_client_is_updated()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("updated-clients", ct);
        var created = await Cli.CreateClientAsync(poolId, "before", ct, "--generate-secret");
        var clientId = created.Str("ClientId");

        var updated = (await Cli.CognitoIdpAsync(ct,
            "update-user-pool-client", "--user-pool-id", poolId, "--client-id", clientId, "--client-name", "after",
            "--explicit-auth-flows", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH",
            "--access-token-validity", "10", "--token-validity-units", "AccessToken=minutes",
            "--prevent-user-existence-errors", "ENABLED")).Ok().Prop("UserPoolClient");

        Assert.Equal("after", updated.Str("ClientName"));
        Assert.Equal(created.Str("ClientSecret"), updated.Str("ClientSecret"));
        Assert.Equal(
            ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_PASSWORD_AUTH"],
            updated.Items("ExplicitAuthFlows").Select(f => f.GetString()).Order(StringComparer.Ordinal));
        updated.AssertNumber("AccessTokenValidity", 10);
        Assert.Equal("minutes", updated.Prop("TokenValidityUnits").Str("AccessToken"));
        Assert.Equal("ENABLED", updated.Str("PreventUserExistenceErrors"));
        Assert.Equal(created.Prop("CreationDate").GetDouble(), updated.Prop("CreationDate").GetDouble());
        Assert.True(
            updated.Prop("LastModifiedDate").GetDouble() > created.Prop("LastModifiedDate").GetDouble(),
            $"LastModifiedDate did not move: {updated.GetRawText()}");

        var described = (await Cli.CognitoIdpAsync(ct,
            "describe-user-pool-client", "--user-pool-id", poolId, "--client-id", clientId)).Ok().Prop("UserPoolClient");
        Assert.Equal(updated.GetRawText(), described.GetRawText());

        // As in Cognito, an update sets what it leaves out back to the default (API reference, UpdateUserPoolClient).
        var renamed = (await Cli.CognitoIdpAsync(ct,
            "update-user-pool-client", "--user-pool-id", poolId, "--client-id", clientId, "--client-name", "renamed"))
            .Ok().Prop("UserPoolClient");
        Assert.Equal("renamed", renamed.Str("ClientName"));
        renamed.AssertMissing("ExplicitAuthFlows");
        renamed.AssertMissing("AccessTokenValidity");
        renamed.AssertEmptyObject("TokenValidityUnits");
        Assert.Equal(created.Str("ClientSecret"), renamed.Str("ClientSecret"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_answer_ResourceNotFoundException_when_client_is_deleted()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("deleted-clients", ct);
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct);

        (await Cli.CognitoIdpAsync(ct, "delete-user-pool-client", "--user-pool-id", poolId, "--client-id", clientId)).OkEmpty();

        var message = $"User pool client {clientId} does not exist.";
        (await Cli.CognitoIdpAsync(ct, "describe-user-pool-client", "--user-pool-id", poolId, "--client-id", clientId))
            .AssertError("ResourceNotFoundException", "DescribeUserPoolClient", message);
        (await Cli.CognitoIdpAsync(ct, "delete-user-pool-client", "--user-pool-id", poolId, "--client-id", clientId))
            .AssertError("ResourceNotFoundException", "DeleteUserPoolClient", message);
        (await Cli.CognitoIdpAsync(ct,
            "initiate-auth", "--client-id", clientId, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", $"USERNAME=someone,PASSWORD={CliSteps.Password}"))
            .AssertError("ResourceNotFoundException", "InitiateAuth", message);
        Assert.Empty((await Cli.CognitoIdpAsync(ct, "list-user-pool-clients", "--user-pool-id", poolId)).Ok().Items("UserPoolClients"));
    }

    /// <summary>The model's ClientSecretType: <c>[\w+]+</c>, 24 to 64 characters.</summary>
    [GeneratedRegex(@"^[\w+]{24,64}$")]
    private static partial Regex ClientSecretRegex();
}
