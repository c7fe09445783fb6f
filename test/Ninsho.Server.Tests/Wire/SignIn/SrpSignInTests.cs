using System.Text.Json;

namespace Ninsho.Server.Tests;

[CollectionDefinition(Name)]
public sealed class SrpServer : ICollectionFixture<NinshoServerFixture>
{
    public const string Name = "SRP and devices (one shared server)";
}

/// <summary>
/// USER_SRP_AUTH → PASSWORD_VERIFIER (docs/cognito-behaviour.md#srp-sign-in-flow) through clients nobody here wrote: amazon-cognito-identity-js
/// (its default flow), and boto3 with the SRP client half computed in plain Python, answering without a Session.
/// </summary>
[Collection(SrpServer.Name)]
public sealed class SrpSignInTests(NinshoServerFixture fixture)
{
    private const string Incorrect = "Incorrect username or password.";

    private AwsCli Cli => fixture.Cli;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_sign_in_and_refresh_with_amazon_cognito_identity_js_over_SRP()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("acij-srp", ct);
        var sub = (await Cli.CreateConfirmedUserAsync(poolId, "alice", ct)).Attributes("Attributes")[0].Value;
        var clientId = await SrpClientAsync(poolId);

        var report = await NodeSrpJourney.RunAsync(fixture.BaseUrl, poolId, clientId, "alice", CliSteps.Password, devices: false, ct);

        var wrong = report.Prop("wrongPassword");
        Assert.Equal(("NotAuthorizedException", Incorrect), (wrong.Str("code"), wrong.Str("message")));
        var signIn = report.Prop("signIn");
        Assert.Equal((sub, "alice", clientId), (signIn.Str("sub"), signIn.Str("username"), signIn.Str("clientId")));
        signIn.AssertTrue("valid");
        report.Prop("refreshed").AssertTrue("valid");
        Assert.Equal(sub, report.Prop("refreshed").Str("sub"));
        Assert.Equal(
            ["InitiateAuth:USER_SRP_AUTH", "RespondToAuthChallenge:PASSWORD_VERIFIER",
             "InitiateAuth:USER_SRP_AUTH", "RespondToAuthChallenge:PASSWORD_VERIFIER", "InitiateAuth:REFRESH_TOKEN_AUTH"],
            Trace(report));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_answer_boto3_without_a_session_and_checks_the_proof()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("boto3-srp", ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "bob", ct);
        var clientId = await SrpClientAsync(poolId);

        var ok = await PythonSrpSignIn.RunAsync(fixture.BaseUrl, poolId, clientId, "bob", CliSteps.Password, ct);
        var challenge = ok.Prop("challenge");
        Assert.Equal("PASSWORD_VERIFIER", challenge.Str("ChallengeName"));
        var parameters = challenge.Prop("ChallengeParameters");
        Assert.Equal(["SALT", "SECRET_BLOCK", "SRP_B", "USERNAME", "USER_ID_FOR_SRP"], parameters.Names().Order(StringComparer.Ordinal));
        Assert.Equal(("bob", "bob"), (parameters.Str("USERNAME"), parameters.Str("USER_ID_FOR_SRP")));
        Assert.Matches("^([0-7][0-9a-f]|00[89a-f][0-9a-f])([0-9a-f]{2})*$", parameters.Str("SALT"));
        _ = Convert.FromBase64String(parameters.Str("SECRET_BLOCK"));
        Assert.Equal("Bearer", PythonSrpSignIn.Tokens(ok).Str("TokenType"));

        var admin = await PythonSrpSignIn.RunAsync(fixture.BaseUrl, poolId, clientId, "bob", CliSteps.Password, ct, "--admin");
        Assert.Equal("bob", Jwt.Payload(PythonSrpSignIn.Tokens(admin).Str("AccessToken")).Str("username"));

        PythonSrpSignIn.AssertError(
            await PythonSrpSignIn.RunAsync(fixture.BaseUrl, poolId, clientId, "bob", CliSteps.Password + "x", ct),
            "respond", "NotAuthorizedException", Incorrect);
        PythonSrpSignIn.AssertError(
            await PythonSrpSignIn.RunAsync(fixture.BaseUrl, poolId, clientId, "bob", CliSteps.Password, ct, "--tamper"),
            "respond", "NotAuthorizedException", Incorrect);
        // %e-style space padding, as qwigo/warrant#55 sent it.
        PythonSrpSignIn.AssertError(
            await PythonSrpSignIn.RunAsync(fixture.BaseUrl, poolId, clientId, "bob", CliSteps.Password, ct, "--timestamp", "Tue Nov  3 05:51:27 UTC 2026"),
            "respond", "InvalidParameterException", "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_check_SECRET_HASH_and_the_client_flow()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("srp-secret", ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "cat", ct);
        var client = await Cli.CreateClientAsync(poolId, "secret", ct, "--generate-secret", "--explicit-auth-flows", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH");
        var (clientId, secret) = (client.Str("ClientId"), client.Str("ClientSecret"));

        _ = PythonSrpSignIn.Tokens(await PythonSrpSignIn.RunAsync(fixture.BaseUrl, poolId, clientId, "cat", CliSteps.Password, ct, "--secret", secret));
        PythonSrpSignIn.AssertError(
            await PythonSrpSignIn.RunAsync(fixture.BaseUrl, poolId, clientId, "cat", CliSteps.Password, ct, "--secret", "not-the-secret"),
            "initiate", "NotAuthorizedException", $"Unable to verify secret hash for client {clientId}");

        var passwordOnly = await Cli.CreatePasswordClientAsync(poolId, ct);
        PythonSrpSignIn.AssertError(
            await PythonSrpSignIn.RunAsync(fixture.BaseUrl, poolId, passwordOnly, "cat", CliSteps.Password, ct),
            "initiate", "InvalidParameterException", "USER_SRP_AUTH is not enabled for the client.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_hide_unknown_users_behind_a_stable_decoy_only_when_PreventUserExistenceErrors_is_ENABLED()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("srp-existence", ct);
        var legacy = await SrpClientAsync(poolId);
        var enabled = await SrpClientAsync(poolId, "--prevent-user-existence-errors", "ENABLED");

        PythonSrpSignIn.AssertError(
            await PythonSrpSignIn.RunAsync(fixture.BaseUrl, poolId, legacy, "ghost", CliSteps.Password, ct),
            "initiate", "UserNotFoundException", "User does not exist.");

        var first = await PythonSrpSignIn.RunAsync(fixture.BaseUrl, poolId, enabled, "ghost", CliSteps.Password, ct);
        var second = await PythonSrpSignIn.RunAsync(fixture.BaseUrl, poolId, enabled, "ghost", CliSteps.Password, ct);
        PythonSrpSignIn.AssertError(first, "respond", "NotAuthorizedException", Incorrect);
        PythonSrpSignIn.AssertError(second, "respond", "NotAuthorizedException", Incorrect);
        var (a, b) = (first.Prop("challenge").Prop("ChallengeParameters"), second.Prop("challenge").Prop("ChallengeParameters"));
        Assert.Equal("PASSWORD_VERIFIER", first.Prop("challenge").Str("ChallengeName"));
        Assert.Equal((a.Str("SALT"), a.Str("USER_ID_FOR_SRP")), (b.Str("SALT"), b.Str("USER_ID_FOR_SRP")));
        Assert.Equal("ghost", a.Str("USER_ID_FOR_SRP"));
        Assert.NotEqual(a.Str("SRP_B"), b.Str("SRP_B"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_count_wrong_proofs_toward_lockout()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("srp-lockout", ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "dan", ct);
        var clientId = await SrpClientAsync(poolId);
        // Five free failures, then lockouts of 1 s, 2 s, 4 s, … (docs/cognito-behaviour.md#lockout-after-failed-sign-ins): a Python start-up can outlast the first ones,
        // so keep failing until the lockout answers.
        var failures = 0;
        while (true)
        {
            var report = await PythonSrpSignIn.RunAsync(fixture.BaseUrl, poolId, clientId, "dan", "Wr0ng#Passw0rd", ct);
            if (report.Prop("error").Str("message") == "Password attempts exceeded")
            {
                break;
            }

            PythonSrpSignIn.AssertError(report, "respond", "NotAuthorizedException", Incorrect);
            failures++;
            Assert.True(failures < 12, "no lockout after 12 wrong proofs");
        }

        Assert.True(failures >= 5, $"locked out after only {failures} failures");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_check_the_proof_before_saying_a_user_is_unconfirmed()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("srp-unconfirmed", ct);
        var clientId = await SrpClientAsync(poolId);
        _ = (await Cli.CognitoIdpAsync(ct, "sign-up", "--client-id", clientId, "--username", "una", "--password", CliSteps.Password)).Ok();

        // Any password would otherwise learn that "una" exists and is unconfirmed; only the right one may.
        PythonSrpSignIn.AssertError(
            await PythonSrpSignIn.RunAsync(fixture.BaseUrl, poolId, clientId, "una", "Wr0ng#Passw0rd", ct),
            "respond", "NotAuthorizedException", Incorrect);
        PythonSrpSignIn.AssertError(
            await PythonSrpSignIn.RunAsync(fixture.BaseUrl, poolId, clientId, "una", CliSteps.Password, ct),
            "respond", "UserNotConfirmedException", "User is not confirmed.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_a_PASSWORD_VERIFIER_answer_sent_a_second_time()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("srp-replay", ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "rex", ct);
        var clientId = await SrpClientAsync(poolId);

        // The same SECRET_BLOCK, TIMESTAMP and signature again, well inside the block's validity: no second tokens.
        var report = await PythonSrpSignIn.RunAsync(fixture.BaseUrl, poolId, clientId, "rex", CliSteps.Password, ct, "--replay");
        Assert.Equal("Bearer", PythonSrpSignIn.Tokens(report).Str("TokenType"));
        var replay = report.Prop("replay");
        Assert.False(replay.Has("result"), $"a replayed answer got tokens: {report}");
        Assert.Equal(
            ("NotAuthorizedException", "Invalid session for the user, session is expired."),
            (replay.Prop("error").Str("code"), replay.Prop("error").Str("message")));

        // A wrong answer uses the challenge up too: it cannot be retried with another signature.
        var wrong = await PythonSrpSignIn.RunAsync(fixture.BaseUrl, poolId, clientId, "rex", CliSteps.Password, ct, "--tamper", "--replay");
        PythonSrpSignIn.AssertError(wrong, "respond", "NotAuthorizedException", Incorrect);
        Assert.Equal("Invalid session for the user, session is expired.", wrong.Prop("replay").Prop("error").Str("message"));
    }

    internal static IReadOnlyList<string> Trace(JsonElement report) =>
        [.. report.GetProperty("trace").EnumerateArray().Select(e => e.GetString()!)];

    private async Task<string> SrpClientAsync(string poolId, params string[] options) =>
        (await Cli.CreateClientAsync(poolId, "srp", Ct,
            ["--explicit-auth-flows", "ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", .. options])).Str("ClientId");
}
