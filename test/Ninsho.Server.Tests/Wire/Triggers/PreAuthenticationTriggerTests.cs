using System.Text.Json;
using static Ninsho.Server.Tests.TriggerWireSteps;

namespace Ninsho.Server.Tests;

/// <summary>PreAuthentication through the aws CLI with a real Node handler (docs/triggers.md#preauthentication): it runs
/// before the password is checked, with the InitiateAuth ClientMetadata as validationData, and a throw refuses.</summary>
public sealed class PreAuthenticationTriggerTests(LambdaTriggerServerFixture fixture) : IClassFixture<LambdaTriggerServerFixture>
{
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_before_the_password_is_checked_and_never_runs_on_refresh()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = fixture.Cli;
        var (pool, client) = await PoolAsync(cli, Config("PreAuthentication", "preauth-pause"), "alice@example.com", ct);
        _ = await cli.CreateConfirmedUserAsync(pool, "paula", ct, "Name=email,Value=paula@paused.example");

        // Right and wrong password alike hear the function's refusal.
        const string Refusal = "PreAuthentication failed with error Sign-in is paused for this account.";
        (await cli.CognitoIdpAsync(ct, "admin-initiate-auth", "--user-pool-id", pool, "--client-id", client, "--auth-flow", "ADMIN_USER_PASSWORD_AUTH",
            "--auth-parameters", $"USERNAME=paula,PASSWORD={CliSteps.Password}")).AssertError("UserLambdaValidationException", "AdminInitiateAuth", Refusal);
        (await cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", client, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", "USERNAME=paula,PASSWORD=Wrong-Password-1")).AssertError("UserLambdaValidationException", "InitiateAuth", Refusal);

        // An unknown user without PreventUserExistenceErrors: no call.
        (await cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", client, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", $"USERNAME=nobody,PASSWORD={CliSteps.Password}")).AssertError("UserNotFoundException", "InitiateAuth", "User does not exist.");

        var tokens = (await cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", client, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", $"USERNAME=alice,PASSWORD={CliSteps.Password}", "--client-metadata", "origin=wire-test")).Ok().Prop("AuthenticationResult");
        (await cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", client, "--auth-flow", "REFRESH_TOKEN_AUTH",
            "--auth-parameters", $"REFRESH_TOKEN={tokens.Str("RefreshToken")}")).Ok();

        var logged = await InvocationsAsync(fixture.Server, pool, ct);
        Assert.Equal(3, logged.Count);
        Assert.All(logged, l => Assert.Equal("PreAuthentication_Authentication", l.Str("TriggerSource")));
        Assert.Equal("UserLambdaValidationException", logged[1].Str("ErrorType"));
        var evt = logged[2].GetProperty("Event");
        Assert.Equal("alice", evt.Str("userName"));
        Assert.Equal(client, evt.GetProperty("callerContext").Str("clientId"));
        var request = evt.GetProperty("request");
        var attributes = request.GetProperty("userAttributes");
        Assert.Equal("alice@example.com", attributes.Str("email"));
        Assert.Equal("true", attributes.Str("email_verified"));
        Assert.Equal("CONFIRMED", attributes.Str("cognito:user_status"));
        Assert.True(attributes.TryGetProperty("sub", out _));
        Assert.Equal("""{"origin":"wire-test"}""", request.GetProperty("validationData").GetRawText());
        Assert.False(request.TryGetProperty("userNotFound", out _));
        Assert.False(request.TryGetProperty("clientMetadata", out _));
        Assert.Equal("{}", evt.GetProperty("response").GetRawText());
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_run_for_an_unknown_user_with_userNotFound_when_the_client_hides_existence_and_at_SRP_initiation()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = fixture.Cli;
        var (pool, client) = await PoolAsync(cli, Config("PreAuthentication", "preauth-pause"), "alice@paused.example", ct, null,
            "--prevent-user-existence-errors", "ENABLED");

        (await cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", client, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", $"USERNAME=nobody,PASSWORD={CliSteps.Password}")).AssertError("NotAuthorizedException", "InitiateAuth", "Incorrect username or password.");

        // USER_SRP_AUTH: refused at InitiateAuth, before any proof.
        var srpA = new string('a', 256);
        (await cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", client, "--auth-flow", "USER_SRP_AUTH",
            "--auth-parameters", $"USERNAME=alice,SRP_A={srpA}"))
            .AssertError("UserLambdaValidationException", "InitiateAuth", "PreAuthentication failed with error Sign-in is paused for this account.");

        var logged = await InvocationsAsync(fixture.Server, pool, ct);
        Assert.Equal(2, logged.Count);
        var unknown = logged[0].GetProperty("Event");
        Assert.Equal("nobody", unknown.Str("userName"));
        Assert.True(unknown.GetProperty("request").GetProperty("userNotFound").GetBoolean());
        Assert.Equal("{}", unknown.GetProperty("request").GetProperty("userAttributes").GetRawText());
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("request").GetProperty("validationData").ValueKind);
        Assert.False(logged[1].GetProperty("Event").GetProperty("request").GetProperty("userNotFound").GetBoolean());
    }
}
