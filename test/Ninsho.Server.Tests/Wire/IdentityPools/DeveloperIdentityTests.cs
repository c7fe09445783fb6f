using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>Developer-authenticated identities and principal tag maps (cognito-identity) through the real AWS CLI:
/// a backend gets an OpenID token for its own user id, the app trades it for credentials, and the backend looks up,
/// links, merges and unlinks its user ids.</summary>
[Collection(DirectoryServer.Name)]
public sealed class DeveloperIdentityTests(NinshoServerFixture fixture)
{
    private const string Developer = "login.example.app";

    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task A_backend_token_for_a_developer_user_becomes_credentials_for_one_identity()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = await DeveloperPoolAsync(ct);

        var issued = (await Cli.CognitoIdentityAsync(ct, "get-open-id-token-for-developer-identity", "--identity-pool-id", pool,
            "--logins", $"{Developer}=user-1", "--token-duration", "3600", "--principal-tags", "team=blue")).Ok();
        var identityId = issued.Str("IdentityId");
        var claims = Jwt.Payload(issued.Str("Token"));
        Assert.Equal(identityId, claims.Str("sub"));
        Assert.Equal(pool, claims.Str("aud"));
        Assert.Equal(3600, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
        Assert.Equal(["authenticated", Developer, $"{Developer}:{pool}:user-1"], claims.Prop("amr").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("blue", claims.Prop("https://aws.amazon.com/tags").Prop("principal_tags").Prop("team")[0].GetString());

        var again = (await Cli.CognitoIdentityAsync(ct, "get-open-id-token-for-developer-identity", "--identity-pool-id", pool,
            "--logins", $"{Developer}=user-1")).Ok();
        Assert.Equal(identityId, again.Str("IdentityId"));
        var defaultClaims = Jwt.Payload(again.Str("Token"));
        Assert.Equal(900, defaultClaims.GetProperty("exp").GetInt64() - defaultClaims.GetProperty("iat").GetInt64());

        var credentials = (await Cli.CognitoIdentityAsync(ct, "get-credentials-for-identity", "--identity-id", identityId,
            "--logins", Logins("cognito-identity.amazonaws.com", issued.Str("Token")))).Ok();
        Assert.Equal(identityId, credentials.Str("IdentityId"));
        Assert.StartsWith("ASIA", credentials.Prop("Credentials").Str("AccessKeyId"), StringComparison.Ordinal);

        var other = (await Cli.CognitoIdentityAsync(ct, "get-open-id-token-for-developer-identity", "--identity-pool-id", pool,
            "--logins", $"{Developer}=user-2")).Ok();
        Assert.NotEqual(identityId, other.Str("IdentityId"));
        (await Cli.CognitoIdentityAsync(ct, "get-credentials-for-identity", "--identity-id", identityId,
            "--logins", Logins("cognito-identity.amazonaws.com", other.Str("Token"))))
            .AssertError("NotAuthorizedException", "GetCredentialsForIdentity", $"Access to Identity '{identityId}' is forbidden.");
        (await Cli.CognitoIdentityAsync(ct, "get-credentials-for-identity", "--identity-id", identityId,
            "--logins", Logins("cognito-identity.amazonaws.com", Jwt.WithBrokenSignature(issued.Str("Token")))))
            .AssertError("NotAuthorizedException", "GetCredentialsForIdentity", "Invalid login token. Couldn't verify signed token.");
        (await Cli.CognitoIdentityAsync(ct, "get-credentials-for-identity", "--identity-id", identityId))
            .AssertError("NotAuthorizedException", "GetCredentialsForIdentity",
                "Logins don't match. Please include at least one valid login for this identity or identity pool.");

        (await Cli.CognitoIdentityAsync(ct, "get-open-id-token-for-developer-identity", "--identity-pool-id", pool,
            "--logins", "login.other.app=user-1"))
            .AssertError("NotAuthorizedException", "GetOpenIdTokenForDeveloperIdentity", "This identity pool does not support the specified developer provider.");
        (await Cli.CognitoIdentityAsync(ct, "update-identity-pool", "--identity-pool-id", pool, "--identity-pool-name", "dev",
            "--no-allow-unauthenticated-identities", "--developer-provider-name", "login.other.app"))
            .AssertError("InvalidParameterException", "UpdateIdentityPool", "The developer provider name of an identity pool can't be changed once it is set.");
        var kept = (await Cli.CognitoIdentityAsync(ct, "update-identity-pool", "--identity-pool-id", pool, "--identity-pool-name", "renamed",
            "--no-allow-unauthenticated-identities")).Ok();
        Assert.Equal(Developer, kept.Str("DeveloperProviderName"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Looks_up_links_merges_and_unlinks_developer_user_identifiers()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = await DeveloperPoolAsync(ct);
        var first = await IdentityOfAsync(pool, "user-1", null, ct);

        Assert.Equal(first, await IdentityOfAsync(pool, "user-1b", first, ct));
        var lookup = (await Cli.CognitoIdentityAsync(ct, "lookup-developer-identity", "--identity-pool-id", pool,
            "--developer-user-identifier", "user-1b")).Ok();
        Assert.Equal(first, lookup.Str("IdentityId"));
        Assert.Equal(["user-1", "user-1b"], lookup.Items("DeveloperUserIdentifierList").Select(i => i.GetString()));
        var paged = (await Cli.CognitoIdentityAsync(ct, "lookup-developer-identity", "--identity-pool-id", pool,
            "--identity-id", first, "--max-results", "1")).Ok();
        Assert.Equal(["user-1"], paged.Items("DeveloperUserIdentifierList").Select(i => i.GetString()));
        var rest = (await Cli.CognitoIdentityAsync(ct, "lookup-developer-identity", "--identity-pool-id", pool,
            "--identity-id", first, "--max-results", "1", "--next-token", paged.Str("NextToken"))).Ok();
        Assert.Equal(["user-1b"], rest.Items("DeveloperUserIdentifierList").Select(i => i.GetString()));
        Assert.False(rest.TryGetProperty("NextToken", out _));

        var second = await IdentityOfAsync(pool, "user-2", null, ct);
        (await Cli.CognitoIdentityAsync(ct, "get-open-id-token-for-developer-identity", "--identity-pool-id", pool,
            "--identity-id", second, "--logins", $"{Developer}=user-1"))
            .AssertError("DeveloperUserAlreadyRegisteredException", "GetOpenIdTokenForDeveloperIdentity",
                "The provided developer user identifier is already registered with Cognito under a different identity ID.");
        (await Cli.CognitoIdentityAsync(ct, "lookup-developer-identity", "--identity-pool-id", pool,
            "--identity-id", second, "--developer-user-identifier", "user-1"))
            .AssertError("ResourceConflictException", "LookupDeveloperIdentity", "The developer user identifier is not linked to the given identity.");

        var merged = (await Cli.CognitoIdentityAsync(ct, "merge-developer-identities", "--identity-pool-id", pool,
            "--developer-provider-name", Developer, "--source-user-identifier", "user-2", "--destination-user-identifier", "user-1")).Ok();
        Assert.Equal(first, merged.Str("IdentityId"));
        Assert.Equal(first, await IdentityOfAsync(pool, "user-2", null, ct));
        (await Cli.CognitoIdentityAsync(ct, "describe-identity", "--identity-id", second))
            .AssertError("ResourceNotFoundException", "DescribeIdentity", $"Identity '{second}' not found.");
        Assert.Equal([Developer], (await Cli.CognitoIdentityAsync(ct, "describe-identity", "--identity-id", first)).Ok()
            .Items("Logins").Select(l => l.GetString()));

        (await Cli.CognitoIdentityAsync(ct, "unlink-developer-identity", "--identity-pool-id", pool, "--identity-id", first,
            "--developer-provider-name", Developer, "--developer-user-identifier", "user-2")).OkEmpty();
        (await Cli.CognitoIdentityAsync(ct, "lookup-developer-identity", "--identity-pool-id", pool, "--developer-user-identifier", "user-2"))
            .AssertError("ResourceNotFoundException", "LookupDeveloperIdentity", "The developer user identifier is not registered with this identity pool.");
        Assert.NotEqual(first, await IdentityOfAsync(pool, "user-2", null, ct));
        (await Cli.CognitoIdentityAsync(ct, "unlink-developer-identity", "--identity-pool-id", pool, "--identity-id", first,
            "--developer-provider-name", "login.other.app", "--developer-user-identifier", "user-1"))
            .AssertError("NotAuthorizedException", "UnlinkDeveloperIdentity", "This identity pool does not support the specified developer provider.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Keeps_principal_tag_maps_per_provider()
    {
        var ct = TestContext.Current.CancellationToken;
        var userPool = await Cli.CreatePoolAsync("tag-source", ct);
        var clientId = await Cli.CreatePasswordClientAsync(userPool, ct);
        var provider = $"cognito-idp.{AwsCli.Region}.amazonaws.com/{userPool}";
        var pool = (await Cli.CognitoIdentityAsync(ct, "create-identity-pool", "--identity-pool-name", "tags", "--no-allow-unauthenticated-identities",
            "--cognito-identity-providers", $"ProviderName={provider},ClientId={clientId}")).Ok().Str("IdentityPoolId");

        var untouched = (await Cli.CognitoIdentityAsync(ct, "get-principal-tag-attribute-map", "--identity-pool-id", pool,
            "--identity-provider-name", provider)).Ok();
        untouched.AssertFalse("UseDefaults");

        var defaults = (await Cli.CognitoIdentityAsync(ct, "set-principal-tag-attribute-map", "--identity-pool-id", pool,
            "--identity-provider-name", provider, "--use-defaults")).Ok();
        defaults.AssertTrue("UseDefaults");
        Assert.Equal("sub", defaults.Prop("PrincipalTags").Str("username"));
        Assert.Equal("aud", defaults.Prop("PrincipalTags").Str("client"));

        (await Cli.CognitoIdentityAsync(ct, "set-principal-tag-attribute-map", "--identity-pool-id", pool,
            "--identity-provider-name", provider, "--no-use-defaults", "--principal-tags", "dept=custom:dept")).Ok();
        var read = (await Cli.CognitoIdentityAsync(ct, "get-principal-tag-attribute-map", "--identity-pool-id", pool,
            "--identity-provider-name", provider)).Ok();
        read.AssertFalse("UseDefaults");
        Assert.Equal(["dept"], read.Prop("PrincipalTags").Names());
        Assert.Equal(provider, read.Str("IdentityProviderName"));

        (await Cli.CognitoIdentityAsync(ct, "get-principal-tag-attribute-map", "--identity-pool-id", pool,
            "--identity-provider-name", "accounts.google.com"))
            .AssertError("InvalidParameterException", "GetPrincipalTagAttributeMap", "The identity pool has no identity provider accounts.google.com.");
    }

    private async Task<string> DeveloperPoolAsync(CancellationToken ct)
    {
        var pool = (await Cli.CognitoIdentityAsync(ct, "create-identity-pool", "--identity-pool-name", "dev",
            "--no-allow-unauthenticated-identities", "--developer-provider-name", Developer)).Ok().Str("IdentityPoolId");
        (await Cli.CognitoIdentityAsync(ct, "set-identity-pool-roles", "--identity-pool-id", pool,
            "--roles", "authenticated=arn:aws:iam::123456789012:role/auth")).OkEmpty();
        return pool;
    }

    private async Task<string> IdentityOfAsync(string pool, string user, string? identityId, CancellationToken ct)
    {
        string[] args = ["get-open-id-token-for-developer-identity", "--identity-pool-id", pool, "--logins", $"{Developer}={user}"];
        return (await Cli.CognitoIdentityAsync(ct, identityId is null ? args : [.. args, "--identity-id", identityId])).Ok().Str("IdentityId");
    }

    private static string Logins(string provider, string token) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { [provider] = token });
}
