using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>Identity pools (cognito-identity) through the real AWS CLI: pool CRUD, roles, tags, and turning a user
/// pool ID token into an identity, credentials and an OpenID token, with Cognito's errors.</summary>
[Collection(DirectoryServer.Name)]
public sealed class IdentityPoolTests(NinshoServerFixture fixture)
{
    private const string AuthRole = "arn:aws:iam::123456789012:role/auth";
    private const string GuestRole = "arn:aws:iam::123456789012:role/guest";

    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Creates_describes_lists_updates_tags_and_deletes_identity_pools()
    {
        var ct = TestContext.Current.CancellationToken;
        var created = (await Cli.CognitoIdentityAsync(ct, "create-identity-pool", "--identity-pool-name", "my pool",
            "--no-allow-unauthenticated-identities", "--identity-pool-tags", "team=auth")).Ok();
        var id = created.Str("IdentityPoolId");
        Assert.Matches($"^{AwsCli.Region}:[0-9a-f]{{8}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{12}}$", id);
        Assert.Equal("my pool", created.Str("IdentityPoolName"));
        created.AssertFalse("AllowUnauthenticatedIdentities");
        created.AssertFalse("AllowClassicFlow");

        var described = (await Cli.CognitoIdentityAsync(ct, "describe-identity-pool", "--identity-pool-id", id)).Ok();
        Assert.Equal(created.GetRawText(), described.GetRawText());
        (await Cli.CognitoIdentityAsync(ct, "describe-identity-pool", "--identity-pool-id", AwsCli.Region + ":00000000-0000-0000-0000-000000000000"))
            .AssertError("ResourceNotFoundException", "DescribeIdentityPool", $"IdentityPool '{AwsCli.Region}:00000000-0000-0000-0000-000000000000' not found.");

        var listed = (await Cli.CognitoIdentityAsync(ct, "list-identity-pools", "--max-results", "60")).Ok().Items("IdentityPools");
        Assert.Contains(listed, p => p.Str("IdentityPoolId") == id && p.Str("IdentityPoolName") == "my pool");

        var updated = (await Cli.CognitoIdentityAsync(ct, "update-identity-pool", "--identity-pool-id", id,
            "--identity-pool-name", "renamed", "--allow-unauthenticated-identities")).Ok();
        Assert.Equal("renamed", updated.Str("IdentityPoolName"));
        updated.AssertTrue("AllowUnauthenticatedIdentities");

        var arn = $"arn:aws:cognito-identity:{AwsCli.Region}:000000000000:identitypool/{id}";
        (await Cli.CognitoIdentityAsync(ct, "tag-resource", "--resource-arn", arn, "--tags", "env=dev")).OkEmpty();
        var tags = (await Cli.CognitoIdentityAsync(ct, "list-tags-for-resource", "--resource-arn", arn)).Ok().Prop("Tags");
        Assert.Equal("auth", tags.Str("team"));
        Assert.Equal("dev", tags.Str("env"));
        (await Cli.CognitoIdentityAsync(ct, "untag-resource", "--resource-arn", arn, "--tag-keys", "team")).OkEmpty();
        Assert.Equal(["env"], (await Cli.CognitoIdentityAsync(ct, "list-tags-for-resource", "--resource-arn", arn)).Ok().Prop("Tags").Names());

        (await Cli.CognitoIdentityAsync(ct, "delete-identity-pool", "--identity-pool-id", id)).OkEmpty();
        (await Cli.CognitoIdentityAsync(ct, "delete-identity-pool", "--identity-pool-id", id))
            .AssertError("ResourceNotFoundException", "DeleteIdentityPool", $"IdentityPool '{id}' not found.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Turns_a_user_pool_ID_token_into_one_identity_credentials_and_an_OpenID_token()
    {
        var ct = TestContext.Current.CancellationToken;
        var (provider, clientId, poolId) = await UserPoolAsync(ct);
        var idPool = (await Cli.CognitoIdentityAsync(ct, "create-identity-pool", "--identity-pool-name", "app",
            "--no-allow-unauthenticated-identities",
            "--cognito-identity-providers", $"ProviderName={provider},ClientId={clientId},ServerSideTokenCheck=true")).Ok().Str("IdentityPoolId");
        var tokens = await Cli.SignInAsync(clientId, "alice", ct);
        var logins = Logins(provider, tokens.Str("IdToken"));

        var identityId = (await Cli.CognitoIdentityAsync(ct, "get-id", "--identity-pool-id", idPool, "--logins", logins)).Ok().Str("IdentityId");
        Assert.StartsWith(AwsCli.Region + ":", identityId, StringComparison.Ordinal);
        var again = await Cli.SignInAsync(clientId, "alice", ct);
        Assert.Equal(identityId, (await Cli.CognitoIdentityAsync(ct, "get-id", "--identity-pool-id", idPool,
            "--logins", Logins(provider, again.Str("IdToken")))).Ok().Str("IdentityId"));

        (await Cli.CognitoIdentityAsync(ct, "get-credentials-for-identity", "--identity-id", identityId, "--logins", logins))
            .AssertError("InvalidIdentityPoolConfigurationException", "GetCredentialsForIdentity",
                "Invalid identity pool configuration. Check assigned IAM roles for this pool.");
        (await Cli.CognitoIdentityAsync(ct, "set-identity-pool-roles", "--identity-pool-id", idPool,
            "--roles", $"authenticated={AuthRole},unauthenticated={GuestRole}")).OkEmpty();
        var roles = (await Cli.CognitoIdentityAsync(ct, "get-identity-pool-roles", "--identity-pool-id", idPool)).Ok();
        Assert.Equal(AuthRole, roles.Prop("Roles").Str("authenticated"));

        var credentials = (await Cli.CognitoIdentityAsync(ct, "get-credentials-for-identity", "--identity-id", identityId, "--logins", logins)).Ok();
        Assert.Equal(identityId, credentials.Str("IdentityId"));
        var c = credentials.Prop("Credentials");
        Assert.Matches("^ASIA[A-Z2-7]{16}$", c.Str("AccessKeyId"));
        Assert.Equal(40, c.Str("SecretKey").Length);
        Assert.False(string.IsNullOrEmpty(c.Str("SessionToken")));
        var expiration = DateTimeOffset.FromUnixTimeSeconds((long)c.Prop("Expiration").GetDouble());
        Assert.InRange(expiration - TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));

        (await Cli.CognitoIdentityAsync(ct, "get-credentials-for-identity", "--identity-id", identityId))
            .AssertError("NotAuthorizedException", "GetCredentialsForIdentity",
                "Logins don't match. Please include at least one valid login for this identity or identity pool.");

        var openId = (await Cli.CognitoIdentityAsync(ct, "get-open-id-token", "--identity-id", identityId, "--logins", logins)).Ok();
        var token = openId.Str("Token");
        var claims = Jwt.Payload(token);
        Assert.Equal(identityId, claims.Str("sub"));
        Assert.Equal(idPool, claims.Str("aud"));
        Assert.Equal(fixture.BaseUrl.TrimEnd('/') + "/cognito-identity", claims.Str("iss"));
        Assert.Equal(["authenticated", provider], claims.Prop("amr").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(600, claims.Prop("exp").GetInt64() - claims.Prop("iat").GetInt64());
        Assert.True(await VerifiesWithJwksAsync(token, claims.Str("iss") + "/.well-known/jwks.json", ct));
        Assert.False(await VerifiesWithJwksAsync(Jwt.WithBrokenSignature(token), claims.Str("iss") + "/.well-known/jwks.json", ct));

        var described = (await Cli.CognitoIdentityAsync(ct, "describe-identity", "--identity-id", identityId)).Ok();
        Assert.Equal([provider], described.Prop("Logins").EnumerateArray().Select(l => l.GetString()));
        described.AssertEpochSeconds("CreationDate");
        var listed = (await Cli.CognitoIdentityAsync(ct, "list-identities", "--identity-pool-id", idPool, "--max-results", "10")).Ok();
        Assert.Equal([identityId], listed.Items("Identities").Select(i => i.Str("IdentityId")));

        // ServerSideTokenCheck: a disabled user's still-unexpired token no longer works.
        (await Cli.CognitoIdpAsync(ct, "admin-disable-user", "--user-pool-id", poolId, "--username", "alice")).OkEmpty();
        (await Cli.CognitoIdentityAsync(ct, "get-id", "--identity-pool-id", idPool, "--logins", logins))
            .AssertErrorStartsWith("NotAuthorizedException", "GetId", "Invalid login token.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Refuses_logins_it_cannot_trust_with_Cognitos_errors()
    {
        var ct = TestContext.Current.CancellationToken;
        var (provider, clientId, _) = await UserPoolAsync(ct);
        var (otherProvider, otherClient, _) = await UserPoolAsync(ct);
        var idPool = (await Cli.CognitoIdentityAsync(ct, "create-identity-pool", "--identity-pool-name", "strict",
            "--no-allow-unauthenticated-identities",
            "--cognito-identity-providers", $"ProviderName={provider},ClientId={clientId}")).Ok().Str("IdentityPoolId");
        var tokens = await Cli.SignInAsync(clientId, "alice", ct);

        (await Cli.CognitoIdentityAsync(ct, "get-id", "--identity-pool-id", idPool))
            .AssertError("NotAuthorizedException", "GetId", "Unauthenticated access is not supported for this identity pool.");
        (await Cli.CognitoIdentityAsync(ct, "get-id", "--identity-pool-id", idPool, "--logins",
                Logins(provider, tokens.Str("AccessToken"))))
            .AssertError("NotAuthorizedException", "GetId", "Invalid login token. Missing a required claim: aud");
        (await Cli.CognitoIdentityAsync(ct, "get-id", "--identity-pool-id", idPool, "--logins",
                Logins(provider, Jwt.WithBrokenSignature(tokens.Str("IdToken")))))
            .AssertError("NotAuthorizedException", "GetId", "Invalid login token. Couldn't verify signed token.");
        var otherTokens = await Cli.SignInAsync(otherClient, "alice", ct);
        (await Cli.CognitoIdentityAsync(ct, "get-id", "--identity-pool-id", idPool, "--logins",
                Logins(otherProvider, otherTokens.Str("IdToken"))))
            .AssertError("NotAuthorizedException", "GetId", "Token is not from a supported provider of this identity pool.");
        // The other pool's token presented under this pool's provider name: its issuer gives it away.
        (await Cli.CognitoIdentityAsync(ct, "get-id", "--identity-pool-id", idPool, "--logins",
                Logins(provider, otherTokens.Str("IdToken"))))
            .AssertErrorStartsWith("NotAuthorizedException", "GetId", "Invalid login token.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Guests_get_their_own_identity_credentials_and_an_unauthenticated_token()
    {
        var ct = TestContext.Current.CancellationToken;
        var idPool = (await Cli.CognitoIdentityAsync(ct, "create-identity-pool", "--identity-pool-name", "guests",
            "--allow-unauthenticated-identities")).Ok().Str("IdentityPoolId");
        var first = (await Cli.CognitoIdentityAsync(ct, "get-id", "--identity-pool-id", idPool)).Ok().Str("IdentityId");
        var second = (await Cli.CognitoIdentityAsync(ct, "get-id", "--identity-pool-id", idPool)).Ok().Str("IdentityId");
        Assert.NotEqual(first, second);

        (await Cli.CognitoIdentityAsync(ct, "get-credentials-for-identity", "--identity-id", first))
            .AssertError("InvalidIdentityPoolConfigurationException", "GetCredentialsForIdentity",
                "Invalid identity pool configuration. Check assigned IAM roles for this pool.");
        (await Cli.CognitoIdentityAsync(ct, "set-identity-pool-roles", "--identity-pool-id", idPool, "--roles", $"unauthenticated={GuestRole}")).OkEmpty();
        var credentials = (await Cli.CognitoIdentityAsync(ct, "get-credentials-for-identity", "--identity-id", first)).Ok();
        Assert.Equal(first, credentials.Str("IdentityId"));
        var token = (await Cli.CognitoIdentityAsync(ct, "get-open-id-token", "--identity-id", first)).Ok().Str("Token");
        Assert.Equal(["unauthenticated"], Jwt.Payload(token).Prop("amr").EnumerateArray().Select(a => a.GetString()));

        var deleted = (await Cli.CognitoIdentityAsync(ct, "delete-identities", "--identity-ids-to-delete", first, AwsCli.Region + ":00000000-0000-0000-0000-000000000001")).Ok();
        Assert.Equal([AwsCli.Region + ":00000000-0000-0000-0000-000000000001"],
            deleted.Items("UnprocessedIdentityIds").Select(u => u.Str("IdentityId")));
        (await Cli.CognitoIdentityAsync(ct, "describe-identity", "--identity-id", first))
            .AssertError("ResourceNotFoundException", "DescribeIdentity", $"Identity '{first}' not found.");
        var page = (await Cli.CognitoIdentityAsync(ct, "list-identities", "--identity-pool-id", idPool, "--max-results", "10")).Ok();
        Assert.Equal([second], page.Items("Identities").Select(i => i.Str("IdentityId")));
    }

    /// <summary>cognito-identity answers model-constraint failures with ValidationException (a type its model does
    /// not declare), with the same text cognito-idp sends under InvalidParameterException.</summary>
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Answers_a_model_constraint_failure_with_ValidationException()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = new string('a', 129);

        (await Cli.CognitoIdentityAsync(ct, "create-identity-pool", "--identity-pool-name", name, "--allow-unauthenticated-identities"))
            .AssertError("ValidationException", "CreateIdentityPool",
                $"1 validation error detected: Value '{name}' at 'identityPoolName' failed to satisfy constraint: Member must have length less than or equal to 128");
        // cognito-idp keeps InvalidParameterException for the same kind of failure.
        (await Cli.CognitoIdpAsync(ct, "create-user-pool", "--pool-name", name))
            .AssertErrorStartsWith("InvalidParameterException", "CreateUserPool", "1 validation error detected: ");
    }

    private async Task<(string Provider, string ClientId, string PoolId)> UserPoolAsync(CancellationToken ct)
    {
        var poolId = await Cli.CreatePoolAsync("identity-source", ct);
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "alice", ct);
        return ($"cognito-idp.{AwsCli.Region}.amazonaws.com/{poolId}", clientId, poolId);
    }

    private static string Logins(string provider, string token) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { [provider] = token });

    /// <summary>Checks an RS256 JWT against the JWKS at <paramref name="jwksUrl"/>, independently of the server's code.</summary>
    private static async Task<bool> VerifiesWithJwksAsync(string token, string jwksUrl, CancellationToken ct)
    {
        using var http = new HttpClient();
        using var jwks = JsonDocument.Parse(await http.GetStringAsync(new Uri(jwksUrl), ct));
        var kid = Jwt.Header(token).Str("kid");
        var key = jwks.RootElement.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("kid").GetString() == kid);
        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = Base64Url.DecodeFromChars(key.GetProperty("n").GetString()),
            Exponent = Base64Url.DecodeFromChars(key.GetProperty("e").GetString()),
        });
        var parts = token.Split('.');
        return rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]),
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
