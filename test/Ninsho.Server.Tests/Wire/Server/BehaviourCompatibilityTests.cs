using System.Net;
using System.Text.Json;

namespace Ninsho.Server.Tests;

[CollectionDefinition(Name)]
public sealed class BehaviourServer : ICollectionFixture<NinshoServerFixture>
{
    public const string Name = "Issue 16 behaviour (one shared server)";
}

/// <summary>Issue 16, "answer as Cognito answers": each test drives one behaviour through the wire (raw HTTP or
/// boto3) and checks the answer a real client would see. The choices are written in docs/compatibility-behaviour.md.</summary>
[Collection(BehaviourServer.Name)]
public sealed class BehaviourCompatibilityTests(NinshoServerFixture fixture)
{
    private const string Password = "Correct-Horse-9!";

    private RawCognito Raw => fixture.Raw;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Legacy_explicit_auth_flows_keep_SRP_and_refresh_allowed()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = Ok(await Raw.IdpAsync("CreateUserPool", """{"PoolName":"legacy-flows"}""", ct)).Prop("UserPool").Str("Id");
        var client = Ok(await Raw.IdpAsync("CreateUserPoolClient", WireUsers.Json(new
        {
            UserPoolId = pool,
            ClientName = "legacy",
            ExplicitAuthFlows = new[] { "ADMIN_NO_SRP_AUTH" },
        }), ct)).Prop("UserPoolClient").Str("ClientId");
        await WireUsers.CreateUserAsync(Raw, pool, "lee", Password, ct);

        var tokens = PythonSrpSignIn.Tokens(await PythonSrpSignIn.RunAsync(fixture.BaseUrl, pool, client, "lee", Password, ct));
        var refreshed = Ok(await WireUsers.RefreshAsync(Raw, client, tokens.Str("RefreshToken"), ct));
        Assert.Equal("Bearer", refreshed.Prop("AuthenticationResult").Str("TokenType"));

        // USER_PASSWORD_AUTH was not named, so it stays refused.
        AssertError(await WireUsers.SignInAsync(Raw, client, "lee", Password, ct), "InvalidParameterException", null);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Boolean_attribute_values_are_accepted_in_any_case_and_stored_lower_case()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = Ok(await Raw.IdpAsync("CreateUserPool", WireUsers.Json(new
        {
            PoolName = "booleans",
            Schema = new[] { new { Name = "member", AttributeDataType = "Boolean", Mutable = true } },
        }), ct)).Prop("UserPool").Str("Id");
        var created = Ok(await Raw.IdpAsync("AdminCreateUser", WireUsers.Json(new
        {
            UserPoolId = pool,
            Username = "bo",
            MessageAction = "SUPPRESS",
            UserAttributes = new[]
            {
                new { Name = "email", Value = "bo@example.com" },
                new { Name = "email_verified", Value = "True" },
                new { Name = "custom:member", Value = "TRUE" },
            },
        }), ct)).Prop("User").Attributes("Attributes");
        Assert.Contains(new KeyValuePair<string, string>("email_verified", "true"), created);
        Assert.Contains(new KeyValuePair<string, string>("custom:member", "true"), created);

        _ = Ok(await Raw.IdpAsync("AdminUpdateUserAttributes", WireUsers.Json(new
        {
            UserPoolId = pool,
            Username = "bo",
            UserAttributes = new[] { new { Name = "email_verified", Value = "False" }, new { Name = "custom:member", Value = "fAlSe" } },
        }), ct));
        var user = Ok(await Raw.IdpAsync("AdminGetUser", WireUsers.Json(new { UserPoolId = pool, Username = "bo" }), ct)).Attributes("UserAttributes");
        Assert.Contains(new KeyValuePair<string, string>("email_verified", "false"), user);
        Assert.Contains(new KeyValuePair<string, string>("custom:member", "false"), user);

        AssertError(
            await Raw.IdpAsync("AdminUpdateUserAttributes", WireUsers.Json(new
            {
                UserPoolId = pool,
                Username = "bo",
                UserAttributes = new[] { new { Name = "custom:member", Value = "yes" } },
            }), ct),
            "InvalidParameterException", null);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task A_software_token_code_used_twice_is_ExpiredCode()
    {
        const string UsedOnce = "Your software token has already been used once.";
        var ct = TestContext.Current.CancellationToken;
        var (pool, client) = await WireUsers.CreatePoolAndClientAsync(Raw, ct);
        _ = Ok(await Raw.IdpAsync("SetUserPoolMfaConfig", WireUsers.Json(new
        {
            UserPoolId = pool,
            MfaConfiguration = "OPTIONAL",
            SoftwareTokenMfaConfiguration = new { Enabled = true },
        }), ct));
        await WireUsers.CreateUserAsync(Raw, pool, "tot", Password, ct);
        var access = Ok(await WireUsers.SignInAsync(Raw, client, "tot", Password, ct)).Prop("AuthenticationResult").Str("AccessToken");
        var secret = Ok(await Unsigned("AssociateSoftwareToken", new { AccessToken = access }, ct)).Str("SecretCode");
        var code = TestTotp.Now(secret);
        Assert.Equal("SUCCESS", Ok(await Unsigned("VerifySoftwareToken", new { AccessToken = access, UserCode = code }, ct)).Str("Status"));
        AssertError(await Unsigned("VerifySoftwareToken", new { AccessToken = access, UserCode = code }, ct), "ExpiredCodeException", UsedOnce);

        _ = Ok(await Unsigned("SetUserMFAPreference", new
        {
            AccessToken = access,
            SoftwareTokenMfaSettings = new { Enabled = true, PreferredMfa = true },
        }, ct));
        AssertError(await AnswerTotpAsync(client, code, ct), "ExpiredCodeException", UsedOnce);
        var next = TestTotp.Next(secret);
        _ = Ok(await AnswerTotpAsync(client, next, ct)).Prop("AuthenticationResult");
        AssertError(await AnswerTotpAsync(client, next, ct), "ExpiredCodeException", UsedOnce);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task A_bad_identity_pool_provider_name_is_an_invalid_Cognito_identity_provider()
    {
        var ct = TestContext.Current.CancellationToken;
        AssertError(
            await Raw.PostAsync(RawCognito.IdentityPrefix + "CreateIdentityPool", WireUsers.Json(new
            {
                IdentityPoolName = "bad_provider",
                AllowUnauthenticatedIdentities = false,
                CognitoIdentityProviders = new[] { new { ProviderName = "not-a-user-pool", ClientId = "abc" } },
            }), ct),
            "InvalidParameterException", "Invalid Cognito Identity Provider");
    }

    private async Task<RawResponse> AnswerTotpAsync(string client, string code, CancellationToken ct)
    {
        var challenge = Ok(await WireUsers.SignInAsync(Raw, client, "tot", Password, ct));
        Assert.Equal("SOFTWARE_TOKEN_MFA", challenge.Str("ChallengeName"));
        return await Unsigned("RespondToAuthChallenge", new
        {
            ClientId = client,
            ChallengeName = "SOFTWARE_TOKEN_MFA",
            Session = challenge.Str("Session"),
            ChallengeResponses = new Dictionary<string, string>(StringComparer.Ordinal) { ["USERNAME"] = "tot", ["SOFTWARE_TOKEN_MFA_CODE"] = code },
        }, ct);
    }

    private Task<RawResponse> Unsigned(string operation, object body, CancellationToken ct) =>
        Raw.PostAsync(RawCognito.IdpPrefix + operation, WireUsers.Json(body), ct, sign: false);

    private static JsonElement Ok(RawResponse response) => WireUsers.Ok(response);

    private static void AssertError(RawResponse response, string type, string? message)
    {
        Assert.True(response.Status == HttpStatusCode.BadRequest, response.Describe());
        Assert.Equal(type, response.ErrorType);
        if (message is not null)
        {
            Assert.Equal(message, response.Message);
        }
    }
}
