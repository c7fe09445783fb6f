using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>Passkey sign-in: the WEB_AUTHN challenge of USER_AUTH through the real AWS CLI, answered by
/// <see cref="SoftwarePasskey"/>, ending in tokens GetUser accepts; and the answers that must not sign anyone in.</summary>
[Collection(MfaServer.Name)]
public sealed class WebAuthnSignInTests(NinshoServerFixture fixture)
{
    private const string Origin = "https://auth.example.com";

    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Signs_in_with_a_passkey_through_USER_AUTH()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, clientId) = await WebAuthnRegistrationTests.PasskeyPoolAsync(Cli, ct);
        using var passkey = new SoftwarePasskey();
        var token = await RegisteredAsync(poolId, clientId, "emi", passkey, ct);

        var select = (await UserAuthAsync(clientId, "USERNAME=emi", ct)).Ok();
        Assert.Equal("SELECT_CHALLENGE", select.Str("ChallengeName"));
        Assert.Equal(["PASSWORD", "PASSWORD_SRP", "WEB_AUTHN"], select.Items("AvailableChallenges").Select(e => e.GetString()!));
        var factors = (await Cli.CognitoIdpAsync(ct, "get-user-auth-factors", "--access-token", token)).Ok();
        Assert.Equal(["PASSWORD", "WEB_AUTHN"], factors.Items("ConfiguredUserAuthFactors").Select(e => e.GetString()!));

        var challenge = (await UserAuthAsync(clientId, "USERNAME=emi,PREFERRED_CHALLENGE=WEB_AUTHN", ct)).Ok();
        Assert.Equal("WEB_AUTHN", challenge.Str("ChallengeName"));
        using var options = JsonDocument.Parse(challenge.Prop("ChallengeParameters").Str("CREDENTIAL_REQUEST_OPTIONS"));
        var request = options.RootElement;
        Assert.Equal("auth.example.com", request.Str("rpId"));
        Assert.Equal("preferred", request.Str("userVerification"));
        Assert.Equal([passkey.CredentialId], request.Items("allowCredentials").Select(c => c.GetProperty("id").GetString()));
        Assert.True(request.Str("challenge").Length >= 22);

        var answer = passkey.Authenticate(request, Origin);
        var tokens = (await Cli.RespondAsync(clientId, "WEB_AUTHN", challenge.Str("Session"), ct, ("USERNAME", "emi"), ("CREDENTIAL", answer)))
            .Ok().Prop("AuthenticationResult");
        var user = (await Cli.CognitoIdpAsync(ct, "get-user", "--access-token", tokens.Str("AccessToken"))).Ok();
        Assert.Equal("emi", user.Str("Username"));

        // The session answered once is spent.
        (await Cli.RespondAsync(clientId, "WEB_AUTHN", challenge.Str("Session"), ct, ("USERNAME", "emi"), ("CREDENTIAL", passkey.Authenticate(request, Origin))))
            .AssertError("NotAuthorizedException", "RespondToAuthChallenge", "Invalid session for the user.");

        // WEB_AUTHN chosen in SELECT_CHALLENGE (a fresh one: the sign-in above spent the sessions issued before it).
        var fresh = (await UserAuthAsync(clientId, "USERNAME=emi", ct)).Ok();
        var chosen = (await Cli.RespondAsync(clientId, "SELECT_CHALLENGE", fresh.Str("Session"), ct, ("USERNAME", "emi"), ("ANSWER", "WEB_AUTHN"))).Ok();
        Assert.Equal("WEB_AUTHN", chosen.Str("ChallengeName"));
        using var chosenOptions = JsonDocument.Parse(chosen.Prop("ChallengeParameters").Str("CREDENTIAL_REQUEST_OPTIONS"));
        _ = (await Cli.RespondAsync(clientId, "WEB_AUTHN", chosen.Str("Session"), ct, ("USERNAME", "emi"),
            ("CREDENTIAL", passkey.Authenticate(chosenOptions.RootElement, Origin)))).Ok().Prop("AuthenticationResult");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Refuses_answers_that_do_not_prove_the_user()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, clientId) = await WebAuthnRegistrationTests.PasskeyPoolAsync(Cli, ct);
        using var passkey = new SoftwarePasskey();
        using var othersPasskey = new SoftwarePasskey();
        using var unknown = new SoftwarePasskey();
        _ = await RegisteredAsync(poolId, clientId, "jun", passkey, ct);
        _ = await RegisteredAsync(poolId, clientId, "tao", othersPasskey, ct);

        var challenge = (await UserAuthAsync(clientId, "USERNAME=jun,PREFERRED_CHALLENGE=WEB_AUTHN", ct)).Ok();
        var session = challenge.Str("Session");
        using var options = JsonDocument.Parse(challenge.Prop("ChallengeParameters").Str("CREDENTIAL_REQUEST_OPTIONS"));
        var request = options.RootElement;
        var otherChallenge = (await UserAuthAsync(clientId, "USERNAME=jun,PREFERRED_CHALLENGE=WEB_AUTHN", ct)).Ok();
        using var otherOptions = JsonDocument.Parse(otherChallenge.Prop("ChallengeParameters").Str("CREDENTIAL_REQUEST_OPTIONS"));

        foreach (var wrong in new[]
        {
            othersPasskey.Authenticate(request, Origin),
            unknown.Authenticate(request, Origin),
            passkey.Authenticate(request, "https://evil.example.net"),
            passkey.Authenticate(request, Origin, rpId: "other.example.com"),
            passkey.Authenticate(otherOptions.RootElement, Origin),
        })
        {
            (await Cli.RespondAsync(clientId, "WEB_AUTHN", session, ct, ("USERNAME", "jun"), ("CREDENTIAL", wrong)))
                .AssertError("NotAuthorizedException", "RespondToAuthChallenge", "Incorrect username or password.");
        }

        (await Cli.RespondAsync(clientId, "WEB_AUTHN", session, ct, ("USERNAME", "jun"), ("CREDENTIAL", "not json")))
            .AssertError("InvalidParameterException", "RespondToAuthChallenge", "The passkey credential is not valid.");
        (await Cli.RespondAsync(clientId, "WEB_AUTHN", session, ct, ("USERNAME", "jun")))
            .AssertError("InvalidParameterException", "RespondToAuthChallenge", "Missing required parameter CREDENTIAL");

        // The session survives the failures: the right passkey still signs in.
        _ = (await Cli.RespondAsync(clientId, "WEB_AUTHN", session, ct, ("USERNAME", "jun"), ("CREDENTIAL", passkey.Authenticate(request, Origin))))
            .Ok().Prop("AuthenticationResult");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Offers_WEB_AUTHN_only_to_users_with_a_passkey()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, clientId) = await WebAuthnRegistrationTests.PasskeyPoolAsync(Cli, ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "noa", ct);

        var select = (await UserAuthAsync(clientId, "USERNAME=noa", ct)).Ok();
        Assert.Equal(["PASSWORD", "PASSWORD_SRP"], select.Items("AvailableChallenges").Select(e => e.GetString()!));
        (await Cli.RespondAsync(clientId, "SELECT_CHALLENGE", select.Str("Session"), ct, ("USERNAME", "noa"), ("ANSWER", "WEB_AUTHN")))
            .AssertError("InvalidParameterException", "RespondToAuthChallenge", "The challenge WEB_AUTHN is not available for the user.");
    }

    private async Task<string> RegisteredAsync(string poolId, string clientId, string username, SoftwarePasskey passkey, CancellationToken ct)
    {
        _ = await Cli.CreateConfirmedUserAsync(poolId, username, ct);
        var token = (await Cli.SignInAsync(clientId, username, ct)).Str("AccessToken");
        var options = (await Cli.CognitoIdpAsync(ct, "start-web-authn-registration", "--access-token", token)).Ok().Prop("CredentialCreationOptions");
        (await Cli.CognitoIdpAsync(ct, "complete-web-authn-registration", "--access-token", token, "--credential", passkey.Register(options, Origin))).OkEmpty();
        return token;
    }

    private Task<AwsCliResult> UserAuthAsync(string clientId, string parameters, CancellationToken ct) =>
        Cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", clientId, "--auth-flow", "USER_AUTH", "--auth-parameters", parameters);
}
