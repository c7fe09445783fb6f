using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ninsho.Server.Tests;

[CollectionDefinition(Name)]
public sealed class SeedWorkflowServer : ICollectionFixture<NinshoServerFixture>
{
    public const string Name = "Seed workflows (one shared server)";
}

/// <summary>
/// The seed articles (our users' blog posts with real AWS CLI output; not kept in this repository), replayed command by command through the real AWS CLI against a real
/// Ninsho process, asserting the fields the articles' output shows. Each test creates its own pool and client, since
/// the articles ran against pools made elsewhere (console, or a step they don't show).
/// Seed 000 is the markdown source of seed 002 (same article), so 002's test covers both.
/// </summary>
[Collection(SeedWorkflowServer.Name)]
public sealed partial class SeedWorkflowTests(NinshoServerFixture fixture)
{
    private AwsCli Cli => fixture.Cli;

    /// <summary>
    /// Seed 001 (2022, CLI v2 tour): list-user-pools, admin-create-user, admin-delete-user, list-users,
    /// admin-get-user, create/list/describe-user-pool-client, admin-set-user-password (temporary),
    /// admin-initiate-auth ADMIN_USER_PASSWORD_AUTH → NEW_PASSWORD_REQUIRED asking for email,
    /// admin-respond-to-auth-challenge with userAttributes.email.
    /// </summary>
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Replays_seed_001_cli_tour_when_run_against_a_fresh_pool()
    {
        var ct = TestContext.Current.CancellationToken;
        // The article's pool requires email: its challenge lists "userAttributes.email". It still let
        // admin-create-user make user1 without one; the challenge is where the user supplies it.
        var createdPool = (await Cli.CognitoIdpAsync(ct,
            "create-user-pool", "--pool-name", "Test users 1",
            "--schema", """[{"Name":"email","AttributeDataType":"String","Mutable":true,"Required":true}]""")).Ok().Prop("UserPool");
        var poolId = AssertPoolId(createdPool.Str("Id"));
        Assert.Equal("Test users 1", createdPool.Str("Name"));

        // $ aws cognito-idp list-user-pools --max-results 10
        var listed = Assert.Single(
            (await Cli.CognitoIdpAsync(ct, "list-user-pools", "--max-results", "10")).Ok().Items("UserPools"),
            p => p.Str("Id") == poolId);
        Assert.Equal("Test users 1", listed.Str("Name"));
        listed.AssertEmptyObject("LambdaConfig");
        listed.AssertEpochSeconds("CreationDate");
        listed.AssertEpochSeconds("LastModifiedDate");

        // $ aws cognito-idp admin-create-user --user-pool-id … --username user1
        var firstUser = (await Cli.CognitoIdpAsync(ct,
            "admin-create-user", "--user-pool-id", poolId, "--username", "user1")).Ok().Prop("User");
        var firstSub = AssertNewUser(firstUser, "user1", "Attributes");
        Assert.Equal(["sub"], firstUser.Attributes("Attributes").Select(a => a.Key));

        // $ aws cognito-idp admin-delete-user … ; the article's list-users then shows user1 again with a new sub.
        (await Cli.CognitoIdpAsync(ct, "admin-delete-user", "--user-pool-id", poolId, "--username", "user1")).OkEmpty();
        var user = (await Cli.CognitoIdpAsync(ct,
            "admin-create-user", "--user-pool-id", poolId, "--username", "user1")).Ok().Prop("User");
        var sub = AssertNewUser(user, "user1", "Attributes");
        Assert.NotEqual(firstSub, sub);

        // $ aws cognito-idp list-users --user-pool-id …
        var listedUser = Assert.Single((await Cli.CognitoIdpAsync(ct, "list-users", "--user-pool-id", poolId)).Ok().Items("Users"));
        Assert.Equal(sub, AssertNewUser(listedUser, "user1", "Attributes"));
        Assert.Equal(["sub"], listedUser.Attributes("Attributes").Select(a => a.Key));

        // $ aws cognito-idp admin-get-user --user-pool-id … --username user1   (top-level fields, UserAttributes)
        var got = (await Cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", poolId, "--username", "user1")).Ok();
        Assert.Equal(sub, AssertNewUser(got, "user1", "UserAttributes"));

        // $ aws cognito-idp create-user-pool-client --user-pool-id … --client-name client1
        var client = (await Cli.CognitoIdpAsync(ct,
            "create-user-pool-client", "--user-pool-id", poolId, "--client-name", "client1")).Ok().Prop("UserPoolClient");
        var clientId = AssertMinimalClient(client, poolId, "client1");

        // $ aws cognito-idp list-user-pool-clients --user-pool-id …
        var described = Assert.Single(
            (await Cli.CognitoIdpAsync(ct, "list-user-pool-clients", "--user-pool-id", poolId)).Ok().Items("UserPoolClients"));
        Assert.Equal(["ClientId", "ClientName", "UserPoolId"], described.Names().Order(StringComparer.Ordinal));
        Assert.Equal(clientId, described.Str("ClientId"));
        Assert.Equal("client1", described.Str("ClientName"));
        Assert.Equal(poolId, described.Str("UserPoolId"));

        // $ aws cognito-idp describe-user-pool-client --user-pool-id … --client-id …
        var describedClient = (await Cli.CognitoIdpAsync(ct,
            "describe-user-pool-client", "--user-pool-id", poolId, "--client-id", clientId)).Ok().Prop("UserPoolClient");
        Assert.Equal(clientId, AssertMinimalClient(describedClient, poolId, "client1"));

        // $ aws cognito-idp admin-set-user-password … --username user1 --password Password!123   (no --permanent)
        (await Cli.CognitoIdpAsync(ct,
            "admin-set-user-password", "--user-pool-id", poolId, "--username", "user1", "--password", "Password!123")).OkEmpty();

        // The article: admin-initiate-auth needs ALLOW_ADMIN_USER_PASSWORD_AUTH ticked on the client first.
        (await Cli.CognitoIdpAsync(ct,
            "admin-initiate-auth", "--user-pool-id", poolId, "--client-id", clientId,
            "--auth-flow", "ADMIN_USER_PASSWORD_AUTH", "--auth-parameters", "USERNAME=user1,PASSWORD=Password!123"))
            .AssertError("InvalidParameterException", "AdminInitiateAuth", "Auth flow not enabled for this client");
        var updated = (await Cli.CognitoIdpAsync(ct,
            "update-user-pool-client", "--user-pool-id", poolId, "--client-id", clientId, "--client-name", "client1",
            "--explicit-auth-flows", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")).Ok().Prop("UserPoolClient");
        Assert.Equal(
            ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            updated.Items("ExplicitAuthFlows").Select(f => f.GetString()).Order(StringComparer.Ordinal));

        // $ aws cognito-idp admin-initiate-auth … --auth-flow ADMIN_USER_PASSWORD_AUTH --auth-parameters USERNAME=user1,PASSWORD=Password!123
        var challenge = (await Cli.CognitoIdpAsync(ct,
            "admin-initiate-auth", "--user-pool-id", poolId, "--client-id", clientId,
            "--auth-flow", "ADMIN_USER_PASSWORD_AUTH", "--auth-parameters", "USERNAME=user1,PASSWORD=Password!123")).Ok();
        var session = AssertNewPasswordRequired(
            challenge, userIdForSrp: "user1", requiredAttributes: ["userAttributes.email"],
            userAttributes: new Dictionary<string, string>(StringComparer.Ordinal) { ["email"] = "" });

        // $ aws cognito-idp admin-respond-to-auth-challenge … --challenge-name NEW_PASSWORD_REQUIRED
        //     --challenge-responses USERNAME=user1,NEW_PASSWORD="passWORD#123",userAttributes.email="user1@example.com" --session …
        var tokens = (await Cli.CognitoIdpAsync(ct,
            "admin-respond-to-auth-challenge", "--user-pool-id", poolId, "--client-id", clientId,
            "--challenge-name", "NEW_PASSWORD_REQUIRED",
            "--challenge-responses", "USERNAME=user1,NEW_PASSWORD=passWORD#123,userAttributes.email=user1@example.com",
            "--session", session)).Ok();
        var result = AssertAuthenticationResult(tokens);
        await AssertTokensVerifyAsync(result, poolId, clientId, sub, username: "user1", email: "user1@example.com", ct);

        // Answering the challenge confirms the user and stores the attribute it supplied.
        var confirmed = (await Cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", poolId, "--username", "user1")).Ok();
        Assert.Equal("CONFIRMED", confirmed.Str("UserStatus"));
        Assert.Contains(KeyValuePair.Create("email", "user1@example.com"), confirmed.Attributes("UserAttributes"));
    }

    /// <summary>
    /// Seed 002 (= 000): a user made in the console (email sign-in, invitation not sent, email marked verified),
    /// signed in with admin-initiate-auth, NEW_PASSWORD_REQUIRED answered, tokens for an API to verify.
    /// </summary>
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Replays_seed_002_console_user_sign_in_when_email_is_the_username()
    {
        var ct = TestContext.Current.CancellationToken;
        const string email = "rails.dev@example.com";
        const string temporaryPassword = "Temp#Pass1234";
        const string newPassword = "Changed#Pass5678";

        // USER_ID_FOR_SRP in the article is a UUID: the pool signs in by email.
        var poolId = AssertPoolId((await Cli.CognitoIdpAsync(ct,
            "create-user-pool", "--pool-name", "rails-api-users", "--username-attributes", "email")).Ok().Prop("UserPool").Str("Id"));
        var clientId = (await Cli.CognitoIdpAsync(ct,
            "create-user-pool-client", "--user-pool-id", poolId, "--client-name", "rails-api", "--no-generate-secret",
            "--explicit-auth-flows", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")).Ok().Prop("UserPoolClient").Str("ClientId");

        // What the console's "create user" did: email verified, no invitation, a temporary password.
        var user = (await Cli.CognitoIdpAsync(ct,
            "admin-create-user", "--user-pool-id", poolId, "--username", email,
            "--user-attributes", $"Name=email,Value={email}", "Name=email_verified,Value=true",
            "--temporary-password", temporaryPassword, "--message-action", "SUPPRESS")).Ok().Prop("User");
        var sub = AssertNewUser(user, username: null, "Attributes");
        Assert.Equal(sub, user.Str("Username"));

        // aws cognito-idp admin-initiate-auth --user-pool-id … --client-id … --auth-flow ADMIN_USER_PASSWORD_AUTH
        //   --auth-parameters "USERNAME=<email>,PASSWORD=<password>"
        var challenge = (await Cli.CognitoIdpAsync(ct,
            "admin-initiate-auth", "--user-pool-id", poolId, "--client-id", clientId,
            "--auth-flow", "ADMIN_USER_PASSWORD_AUTH", "--auth-parameters", $"USERNAME={email},PASSWORD={temporaryPassword}")).Ok();
        var session = AssertNewPasswordRequired(
            challenge, userIdForSrp: sub, requiredAttributes: [],
            userAttributes: new Dictionary<string, string>(StringComparer.Ordinal) { ["email_verified"] = "true", ["email"] = email });

        // aws cognito-idp admin-respond-to-auth-challenge … --challenge-name NEW_PASSWORD_REQUIRED
        //   --challenge-responses NEW_PASSWORD=…,USERNAME=<username or email> --session …
        // (The article's new password was its e-mail address; that fails the default policy, so a compliant one here.)
        var tokens = (await Cli.CognitoIdpAsync(ct,
            "admin-respond-to-auth-challenge", "--user-pool-id", poolId, "--client-id", clientId,
            "--challenge-name", "NEW_PASSWORD_REQUIRED",
            "--challenge-responses", $"NEW_PASSWORD={newPassword},USERNAME={email}",
            "--session", session)).Ok();
        var result = AssertAuthenticationResult(tokens);
        var idClaims = await AssertTokensVerifyAsync(result, poolId, clientId, sub, username: sub, email: email, ct);
        Assert.Equal(JsonValueKind.True, idClaims.Prop("email_verified").ValueKind);

        // Signing in again with the new password gives tokens straight away.
        var again = (await Cli.CognitoIdpAsync(ct,
            "admin-initiate-auth", "--user-pool-id", poolId, "--client-id", clientId,
            "--auth-flow", "ADMIN_USER_PASSWORD_AUTH", "--auth-parameters", $"USERNAME={email},PASSWORD={newPassword}")).Ok();
        _ = AssertAuthenticationResult(again);
    }

    /// <summary>
    /// Seed 003: list-user-pools | jq, admin-create-user with email_verified and --message-action SUPPRESS
    /// (FORCE_CHANGE_PASSWORD), admin-set-user-password --permanent (CONFIRMED), admin-get-user, then the
    /// article's promise that email + p@ssw0rd now signs in.
    /// </summary>
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Replays_seed_003_admin_created_user_becomes_confirmed_when_password_is_set_permanent()
    {
        var ct = TestContext.Current.CancellationToken;
        const string email = "hogefuga@example.com";

        // The article's Username is a UUID (email sign-in), and its pool accepted 'p@ssw0rd' (no upper case).
        var poolId = AssertPoolId((await Cli.CognitoIdpAsync(ct,
            "create-user-pool", "--pool-name", "peoject_hoge_userpool", "--username-attributes", "email",
            "--policies", """{"PasswordPolicy":{"MinimumLength":8,"RequireUppercase":false,"RequireLowercase":true,"RequireNumbers":true,"RequireSymbols":true}}"""))
            .Ok().Prop("UserPool").Str("Id"));
        var clientId = (await Cli.CognitoIdpAsync(ct,
            "create-user-pool-client", "--user-pool-id", poolId, "--client-name", "hoge-admin",
            "--explicit-auth-flows", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")).Ok().Prop("UserPoolClient").Str("ClientId");

        // $ aws cognito-idp list-user-pools --max-results 20 | jq ".UserPools[] | {Id, Name}"
        var listed = Assert.Single(
            (await Cli.CognitoIdpAsync(ct, "list-user-pools", "--max-results", "20")).Ok().Items("UserPools"),
            p => p.Str("Id") == poolId);
        Assert.Equal("peoject_hoge_userpool", listed.Str("Name"));

        // $ aws cognito-idp admin-create-user --user-pool-id … --username "hogefuga@example.com"
        //     --user-attributes Name=email,Value="hogefuga@example.com" Name=email_verified,Value=true --message-action SUPPRESS
        var user = (await Cli.CognitoIdpAsync(ct,
            "admin-create-user", "--user-pool-id", poolId, "--username", email,
            "--user-attributes", $"Name=email,Value={email}", "Name=email_verified,Value=true",
            "--message-action", "SUPPRESS")).Ok().Prop("User");
        var sub = AssertNewUser(user, username: null, "Attributes");
        var uuidUsername = user.Str("Username");
        Assert.Equal(sub, uuidUsername);
        AssertAttributesAfterSub(user.Attributes("Attributes"), ("email_verified", "true"), ("email", email));

        // $ aws cognito-idp admin-set-user-password … --username "<uuid>" --password 'p@ssw0rd' --permanent
        (await Cli.CognitoIdpAsync(ct,
            "admin-set-user-password", "--user-pool-id", poolId, "--username", uuidUsername,
            "--password", "p@ssw0rd", "--permanent")).OkEmpty();

        // $ aws cognito-idp admin-get-user … --username "<uuid>"   (the article pasted a "User" wrapper; the CLI
        // prints AdminGetUserResponse's top-level members, as seed 001 shows)
        var got = (await Cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", poolId, "--username", uuidUsername)).Ok();
        Assert.Equal(uuidUsername, got.Str("Username"));
        Assert.Equal("CONFIRMED", got.Str("UserStatus"));
        got.AssertTrue("Enabled");
        got.AssertEpochSeconds("UserCreateDate");
        got.AssertEpochSeconds("UserLastModifiedDate");
        AssertAttributesAfterSub(got.Attributes("UserAttributes"), ("email_verified", "true"), ("email", email));
        Assert.Equal(KeyValuePair.Create("sub", sub), got.Attributes("UserAttributes")[0]);

        // "これで ユーザ名hogefuga@example.com、パスワード p@ssw0rd でログインできるようになります"
        var tokens = (await Cli.CognitoIdpAsync(ct,
            "admin-initiate-auth", "--user-pool-id", poolId, "--client-id", clientId,
            "--auth-flow", "ADMIN_USER_PASSWORD_AUTH", "--auth-parameters", $"USERNAME={email},PASSWORD=p@ssw0rd")).Ok();
        var result = AssertAuthenticationResult(tokens);
        _ = await AssertTokensVerifyAsync(result, poolId, clientId, sub, username: sub, email: email, ct);
    }

    /// <summary>
    /// Seed 004: create-user-pool with a password policy, auto-verified email and a schema; a client without a
    /// secret allowing USER_PASSWORD_AUTH; admin-create-user with a temporary password; admin-set-user-password
    /// --permanent; initiate-auth USER_PASSWORD_AUTH; then an API verifying the IdToken or AccessToken.
    /// </summary>
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Replays_seed_004_user_password_auth_when_pool_has_policy_and_schema()
    {
        var ct = TestContext.Current.CancellationToken;
        const string username = "testuser@example.com";

        // 2. aws cognito-idp create-user-pool --pool-name "MyUserPool" --policies '…' --auto-verified-attributes "email" --schema '[…]'
        var pool = (await Cli.CognitoIdpAsync(ct,
            "create-user-pool", "--pool-name", "MyUserPool",
            "--policies", """{"PasswordPolicy":{"MinimumLength":8,"RequireUppercase":true,"RequireLowercase":true,"RequireNumbers":true,"RequireSymbols":false}}""",
            "--auto-verified-attributes", "email",
            "--schema", """[{"Name":"email","AttributeDataType":"String","Mutable":true,"Required":true}]""")).Ok().Prop("UserPool");
        var poolId = AssertPoolId(pool.Str("Id"));
        Assert.Equal("MyUserPool", pool.Str("Name"));
        Assert.Equal(["email"], pool.Items("AutoVerifiedAttributes").Select(a => a.GetString()));
        var policy = pool.Prop("Policies").Prop("PasswordPolicy");
        policy.AssertNumber("MinimumLength", 8);
        policy.AssertTrue("RequireUppercase");
        policy.AssertFalse("RequireSymbols");

        // 3. aws cognito-idp create-user-pool-client --user-pool-id … --client-name "MyAppClient" --no-generate-secret
        //      --explicit-auth-flows "ALLOW_USER_PASSWORD_AUTH" "ALLOW_REFRESH_TOKEN_AUTH" --supported-identity-providers "COGNITO"
        var client = (await Cli.CognitoIdpAsync(ct,
            "create-user-pool-client", "--user-pool-id", poolId, "--client-name", "MyAppClient", "--no-generate-secret",
            "--explicit-auth-flows", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH",
            "--supported-identity-providers", "COGNITO")).Ok().Prop("UserPoolClient");
        var clientId = AssertClientId(client.Str("ClientId"));
        Assert.Equal(poolId, client.Str("UserPoolId"));
        Assert.Equal("MyAppClient", client.Str("ClientName"));
        client.AssertMissing("ClientSecret");
        Assert.Equal(
            ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_PASSWORD_AUTH"],
            client.Items("ExplicitAuthFlows").Select(f => f.GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(["COGNITO"], client.Items("SupportedIdentityProviders").Select(p => p.GetString()));

        // 4. aws cognito-idp admin-create-user … --username testuser@example.com --user-attributes Name=email,Value=testuser@example.com
        //      --temporary-password "TempPass#1234" --message-action SUPPRESS
        var user = (await Cli.CognitoIdpAsync(ct,
            "admin-create-user", "--user-pool-id", poolId, "--username", username,
            "--user-attributes", $"Name=email,Value={username}",
            "--temporary-password", "TempPass#1234", "--message-action", "SUPPRESS")).Ok().Prop("User");
        var sub = AssertNewUser(user, username, "Attributes");
        Assert.Contains(KeyValuePair.Create("email", username), user.Attributes("Attributes"));

        // 5. aws cognito-idp admin-set-user-password … --password "NewSecurePass#5678" --permanent
        (await Cli.CognitoIdpAsync(ct,
            "admin-set-user-password", "--user-pool-id", poolId, "--username", username,
            "--password", "NewSecurePass#5678", "--permanent")).OkEmpty();

        // 6. aws cognito-idp initiate-auth --auth-flow USER_PASSWORD_AUTH --client-id …
        //      --auth-parameters USERNAME=testuser@example.com,PASSWORD="NewSecurePass#5678"
        var tokens = (await Cli.CognitoIdpAsync(ct,
            "initiate-auth", "--auth-flow", "USER_PASSWORD_AUTH", "--client-id", clientId,
            "--auth-parameters", $"USERNAME={username},PASSWORD=NewSecurePass#5678")).Ok();
        var result = AssertAuthenticationResult(tokens);

        // The article's output: "AccessToken": "eyJraWQiOi...", "IdToken": "eyJraWQiOi..." (header {"kid":…,"alg":"RS256"}).
        Assert.StartsWith("eyJraWQiOi", result.Str("AccessToken"), StringComparison.Ordinal);
        Assert.StartsWith("eyJraWQiOi", result.Str("IdToken"), StringComparison.Ordinal);

        // 7. An API (API Gateway + Lambda in the article) verifies the IdToken or the AccessToken.
        _ = await AssertTokensVerifyAsync(result, poolId, clientId, sub, username, email: username, ct);

        // And a wrong password is refused the way Cognito refuses it.
        (await Cli.CognitoIdpAsync(ct,
            "initiate-auth", "--auth-flow", "USER_PASSWORD_AUTH", "--client-id", clientId,
            "--auth-parameters", $"USERNAME={username},PASSWORD=WrongPass#0000"))
            .AssertError("NotAuthorizedException", "InitiateAuth", "Incorrect username or password.");
    }

    // ---- shared assertions -------------------------------------------------------------------------------------

    /// <summary>Pool ids look like the seeds' <c>ap-northeast-1_vi4PeCz78</c>: the request's region, '_', alphanumerics.</summary>
    private static string AssertPoolId(string poolId)
    {
        Assert.Matches(PoolIdRegex(), poolId);
        return poolId;
    }

    /// <summary>Client ids look like the seeds' <c>5sf3ad654tid5qt4r1768stto</c> (docs/cognito-behaviour.md#identifiers-and-naming).</summary>
    private static string AssertClientId(string clientId)
    {
        Assert.Matches(ClientIdRegex(), clientId);
        return clientId;
    }

    /// <summary>
    /// A freshly created user as admin-create-user / list-users / admin-get-user print it: sub first in the
    /// attributes, enabled, FORCE_CHANGE_PASSWORD, both dates. Returns the sub.
    /// </summary>
    private static string AssertNewUser(JsonElement user, string? username, string attributesMember)
    {
        if (username is not null)
        {
            Assert.Equal(username, user.Str("Username"));
        }

        var attributes = user.Attributes(attributesMember);
        Assert.NotEmpty(attributes);
        Assert.Equal("sub", attributes[0].Key);
        Assert.Matches(UuidRegex(), attributes[0].Value);
        user.AssertTrue("Enabled");
        Assert.Equal("FORCE_CHANGE_PASSWORD", user.Str("UserStatus"));
        user.AssertEpochSeconds("UserCreateDate");
        user.AssertEpochSeconds("UserLastModifiedDate");
        return attributes[0].Value;
    }

    private static void AssertAttributesAfterSub(
        IReadOnlyList<KeyValuePair<string, string>> attributes, params (string Name, string Value)[] expected)
    {
        Assert.Equal("sub", attributes[0].Key);
        Assert.Equal(
            expected.Select(e => $"{e.Name}={e.Value}").Order(StringComparer.Ordinal),
            attributes.Skip(1).Select(a => $"{a.Key}={a.Value}").Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// A client created with nothing but a name, as seed 001 shows it (create and describe alike):
    /// AllowedOAuthFlowsUserPoolClient false, EnableTokenRevocation true, RefreshTokenValidity 30,
    /// TokenValidityUnits {}, no secret, no ExplicitAuthFlows, no Access/IdTokenValidity. Returns the client id.
    /// </summary>
    private static string AssertMinimalClient(JsonElement client, string poolId, string clientName)
    {
        var clientId = AssertClientId(client.Str("ClientId"));
        Assert.Equal(clientName, client.Str("ClientName"));
        Assert.Equal(poolId, client.Str("UserPoolId"));
        client.AssertFalse("AllowedOAuthFlowsUserPoolClient");
        client.AssertTrue("EnableTokenRevocation");
        client.AssertNumber("RefreshTokenValidity", 30);
        client.AssertEmptyObject("TokenValidityUnits");
        client.AssertEpochSeconds("CreationDate");
        client.AssertEpochSeconds("LastModifiedDate");
        client.AssertMissing("ClientSecret");
        client.AssertMissing("ExplicitAuthFlows");
        client.AssertMissing("AccessTokenValidity");
        client.AssertMissing("IdTokenValidity");
        return clientId;
    }

    /// <summary>
    /// NEW_PASSWORD_REQUIRED as seeds 001 and 002 show it: USER_ID_FOR_SRP, and requiredAttributes / userAttributes
    /// as JSON text inside strings, plus a Session. Returns the session.
    /// </summary>
    private static string AssertNewPasswordRequired(
        JsonElement response, string userIdForSrp, string[] requiredAttributes, Dictionary<string, string> userAttributes)
    {
        Assert.Equal("NEW_PASSWORD_REQUIRED", response.Str("ChallengeName"));
        response.AssertMissing("AuthenticationResult");
        var parameters = response.Prop("ChallengeParameters");
        Assert.Equal(userIdForSrp, parameters.Str("USER_ID_FOR_SRP"));

        using var required = JsonDocument.Parse(parameters.Str("requiredAttributes"));
        Assert.Equal(JsonValueKind.Array, required.RootElement.ValueKind);
        Assert.Equal(requiredAttributes, required.RootElement.EnumerateArray().Select(e => e.GetString()));

        using var attributes = JsonDocument.Parse(parameters.Str("userAttributes"));
        Assert.Equal(JsonValueKind.Object, attributes.RootElement.ValueKind);
        Assert.Equal(
            userAttributes.OrderBy(a => a.Key, StringComparer.Ordinal),
            attributes.RootElement.EnumerateObject()
                .Select(p => KeyValuePair.Create(p.Name, p.Value.GetString() ?? "<not a string>"))
                .OrderBy(a => a.Key, StringComparer.Ordinal));

        var session = response.Str("Session");
        Assert.InRange(session.Length, 20, 2048);
        return session;
    }

    /// <summary>
    /// A successful sign-in: <c>"ChallengeParameters": {}</c> and AuthenticationResult with AccessToken, IdToken,
    /// RefreshToken, ExpiresIn 3600, TokenType Bearer. Returns AuthenticationResult.
    /// </summary>
    private static JsonElement AssertAuthenticationResult(JsonElement response)
    {
        response.AssertMissing("ChallengeName");
        response.AssertEmptyObject("ChallengeParameters");
        var result = response.Prop("AuthenticationResult");
        Assert.Equal(3, result.Str("AccessToken").Split('.').Length);
        Assert.Equal(3, result.Str("IdToken").Split('.').Length);
        Assert.Matches(TokenModelRegex(), result.Str("RefreshToken"));
        result.AssertNumber("ExpiresIn", 3600);
        Assert.Equal("Bearer", result.Str("TokenType"));
        return result;
    }

    /// <summary>
    /// Verifies both tokens with aws-jwt-verify against the pool's JWKS and checks the claims an API reads.
    /// Returns the ID token's claims.
    /// </summary>
    private async Task<JsonElement> AssertTokensVerifyAsync(
        JsonElement result, string poolId, string clientId, string sub, string username, string email, CancellationToken ct)
    {
        var issuer = NodeTokenVerifier.Issuer(fixture.BaseUrl, poolId);

        var id = await NodeTokenVerifier.VerifyAsync(fixture.BaseUrl, poolId, result.Str("IdToken"), "id", clientId, ct);
        Assert.Equal("id", id.Str("token_use"));
        Assert.Equal(sub, id.Str("sub"));
        Assert.Equal(username, id.Str("cognito:username"));
        Assert.Equal(email, id.Str("email"));
        Assert.Equal(clientId, id.Str("aud"));
        Assert.Equal(issuer, id.Str("iss"));

        var access = await NodeTokenVerifier.VerifyAsync(fixture.BaseUrl, poolId, result.Str("AccessToken"), "access", clientId, ct);
        Assert.Equal("access", access.Str("token_use"));
        Assert.Equal(sub, access.Str("sub"));
        Assert.Equal(username, access.Str("username"));
        Assert.Equal(clientId, access.Str("client_id"));
        Assert.Equal(issuer, access.Str("iss"));
        Assert.Equal("aws.cognito.signin.user.admin", access.Str("scope"));
        access.AssertMissing("aud");
        return id;
    }

    [GeneratedRegex(@"^ap-northeast-1_[0-9a-zA-Z]+$")]
    private static partial Regex PoolIdRegex();

    [GeneratedRegex("^[0-9a-v]{25,26}$")]
    private static partial Regex ClientIdRegex();

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex UuidRegex();

    [GeneratedRegex("^[A-Za-z0-9-_=.]+$")]
    private static partial Regex TokenModelRegex();
}
