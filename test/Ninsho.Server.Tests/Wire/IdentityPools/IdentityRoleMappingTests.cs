using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>Identity pools' <c>RoleMappings</c> through the real AWS CLI: the role GetCredentialsForIdentity chooses
/// from the ID token's <c>cognito:preferred_role</c>/<c>cognito:roles</c> (Token) or from claim rules in order
/// (Rules), <c>CustomRoleArn</c>, <c>AmbiguousRoleResolution</c>, and Cognito's errors. The chosen role is read back
/// from the local credentials' session token (docs/compatibility-identity-roles.md).</summary>
[Collection(DirectoryServer.Name)]
public sealed class IdentityRoleMappingTests(NinshoServerFixture fixture)
{
    private const string DefaultRole = "arn:aws:iam::123456789012:role/default-auth";
    private const string AdminRole = "arn:aws:iam::123456789012:role/admin";
    private const string EditorRole = "arn:aws:iam::123456789012:role/editor";
    private const string ViewerRole = "arn:aws:iam::123456789012:role/viewer";
    private const string OtherRole = "arn:aws:iam::123456789012:role/other";

    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Token_mapping_takes_the_preferred_role_or_a_custom_role_of_the_token()
    {
        var ct = TestContext.Current.CancellationToken;
        var (pool, client, provider) = await UserPoolAsync(ct);
        await GroupAsync(pool, "admins", AdminRole, 1, ct);
        await GroupAsync(pool, "editors", EditorRole, 5, ct);
        var idToken = (await Cli.SignInAsync(client, "alice", ct)).Str("IdToken");
        var claims = Jwt.Payload(idToken);
        Assert.Equal(AdminRole, claims.Str("cognito:preferred_role"));

        var (idPool, identity) = await IdentityPoolAsync(provider, client, idToken, ct);
        await SetMappingAsync(idPool, $"{provider}:{client}", new { Type = "Token", AmbiguousRoleResolution = "Deny" }, ct);

        Assert.Equal(AdminRole, await RoleOfCredentialsAsync(identity, provider, idToken, null, ct));
        Assert.Equal(EditorRole, await RoleOfCredentialsAsync(identity, provider, idToken, EditorRole, ct));
        (await Cli.CognitoIdentityAsync(ct, "get-credentials-for-identity", "--identity-id", identity,
                "--logins", Logins(provider, idToken), "--custom-role-arn", OtherRole))
            .AssertError("NotAuthorizedException", "GetCredentialsForIdentity", $"The role {OtherRole} is not one of the roles the token allows.");

        // Without a mapping, the pool's default authenticated role, as before.
        (await Cli.CognitoIdentityAsync(ct, "set-identity-pool-roles", "--identity-pool-id", idPool,
            "--roles", $"authenticated={DefaultRole}")).OkEmpty();
        Assert.Equal(DefaultRole, await RoleOfCredentialsAsync(identity, provider, idToken, null, ct));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Token_mapping_without_a_preferred_role_follows_AmbiguousRoleResolution()
    {
        var ct = TestContext.Current.CancellationToken;
        var (pool, client, provider) = await UserPoolAsync(ct);
        // Two roles of the same precedence: cognito:roles has both, cognito:preferred_role is absent.
        await GroupAsync(pool, "editors", EditorRole, 3, ct);
        await GroupAsync(pool, "viewers", ViewerRole, 3, ct);
        var idToken = (await Cli.SignInAsync(client, "alice", ct)).Str("IdToken");
        Assert.False(Jwt.Payload(idToken).Has("cognito:preferred_role"));

        var (idPool, identity) = await IdentityPoolAsync(provider, client, idToken, ct);
        var key = $"{provider}:{client}";
        await SetMappingAsync(idPool, key, new { Type = "Token", AmbiguousRoleResolution = "Deny" }, ct);
        (await Cli.CognitoIdentityAsync(ct, "get-credentials-for-identity", "--identity-id", identity, "--logins", Logins(provider, idToken)))
            .AssertError("NotAuthorizedException", "GetCredentialsForIdentity", $"The ambiguous role mapping rules for: {key} denied this request.");
        Assert.Equal(ViewerRole, await RoleOfCredentialsAsync(identity, provider, idToken, ViewerRole, ct));

        await SetMappingAsync(idPool, key, new { Type = "Token", AmbiguousRoleResolution = "AuthenticatedRole" }, ct);
        Assert.Equal(DefaultRole, await RoleOfCredentialsAsync(identity, provider, idToken, null, ct));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Rules_mapping_takes_the_first_matching_rule_under_either_provider_name()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, client, provider) = await UserPoolAsync(ct);
        var idToken = (await Cli.SignInAsync(client, "alice", ct)).Str("IdToken");
        var iss = Jwt.Payload(idToken).Str("iss");
        var issuerName = iss[(iss.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var (idPool, identity) = await IdentityPoolAsync(provider, client, idToken, ct);

        object Rules(string ambiguous, params object[] rules) =>
            new { Type = "Rules", AmbiguousRoleResolution = ambiguous, RulesConfiguration = new { Rules = rules } };
        object Rule(string claim, string match, string value, string role) =>
            new { Claim = claim, MatchType = match, Value = value, RoleARN = role };

        // The mapping keyed by the server's issuer form names the same provider.
        await SetMappingAsync(idPool, $"{issuerName}:{client}", Rules("Deny",
            Rule("cognito:username", "Equals", "bob", OtherRole),
            Rule("cognito:username", "StartsWith", "al", EditorRole),
            Rule("cognito:username", "Equals", "alice", AdminRole)), ct);
        Assert.Equal(EditorRole, await RoleOfCredentialsAsync(identity, provider, idToken, null, ct));
        // CustomRoleArn picks another matching rule, never a rule that does not match.
        Assert.Equal(AdminRole, await RoleOfCredentialsAsync(identity, provider, idToken, AdminRole, ct));
        (await Cli.CognitoIdentityAsync(ct, "get-credentials-for-identity", "--identity-id", identity,
                "--logins", Logins(provider, idToken), "--custom-role-arn", OtherRole))
            .AssertError("NotAuthorizedException", "GetCredentialsForIdentity", $"The role {OtherRole} is not one of the roles the token allows.");

        var key = $"{provider}:{client}";
        await SetMappingAsync(idPool, key, Rules("Deny",
            Rule("custom:missing", "NotEqual", "x", OtherRole),
            Rule("email", "Contains", "@example.org", OtherRole),
            Rule("cognito:username", "NotEqual", "bob", ViewerRole)), ct);
        Assert.Equal(ViewerRole, await RoleOfCredentialsAsync(identity, provider, idToken, null, ct));

        await SetMappingAsync(idPool, key, Rules("Deny", Rule("cognito:username", "Equals", "bob", OtherRole)), ct);
        (await Cli.CognitoIdentityAsync(ct, "get-credentials-for-identity", "--identity-id", identity, "--logins", Logins(provider, idToken)))
            .AssertError("NotAuthorizedException", "GetCredentialsForIdentity", $"The ambiguous role mapping rules for: {key} denied this request.");
        await SetMappingAsync(idPool, key, Rules("AuthenticatedRole", Rule("cognito:username", "Equals", "bob", OtherRole)), ct);
        Assert.Equal(DefaultRole, await RoleOfCredentialsAsync(identity, provider, idToken, null, ct));
    }

    private async Task<(string Pool, string Client, string Provider)> UserPoolAsync(CancellationToken ct)
    {
        var pool = await Cli.CreatePoolAsync("role-source", ct);
        var client = await Cli.CreatePasswordClientAsync(pool, ct);
        _ = await Cli.CreateConfirmedUserAsync(pool, "alice", ct);
        return (pool, client, $"cognito-idp.{AwsCli.Region}.amazonaws.com/{pool}");
    }

    private async Task GroupAsync(string pool, string name, string role, int precedence, CancellationToken ct)
    {
        _ = (await Cli.CognitoIdpAsync(ct, "create-group", "--user-pool-id", pool, "--group-name", name,
            "--role-arn", role, "--precedence", precedence.ToString(System.Globalization.CultureInfo.InvariantCulture))).Ok();
        (await Cli.CognitoIdpAsync(ct, "admin-add-user-to-group", "--user-pool-id", pool, "--username", "alice", "--group-name", name)).OkEmpty();
    }

    private async Task<(string IdPool, string Identity)> IdentityPoolAsync(string provider, string client, string idToken, CancellationToken ct)
    {
        var idPool = (await Cli.CognitoIdentityAsync(ct, "create-identity-pool", "--identity-pool-name", "roles",
            "--no-allow-unauthenticated-identities",
            "--cognito-identity-providers", $"ProviderName={provider},ClientId={client}")).Ok().Str("IdentityPoolId");
        var identity = (await Cli.CognitoIdentityAsync(ct, "get-id", "--identity-pool-id", idPool, "--logins", Logins(provider, idToken)))
            .Ok().Str("IdentityId");
        return (idPool, identity);
    }

    private async Task SetMappingAsync(string idPool, string key, object mapping, CancellationToken ct) =>
        (await Cli.CognitoIdentityAsync(ct, "set-identity-pool-roles", "--identity-pool-id", idPool,
            "--roles", $"authenticated={DefaultRole}",
            "--role-mappings", JsonSerializer.Serialize(new Dictionary<string, object> { [key] = mapping }))).OkEmpty();

    /// <summary>The role the answered credentials are for, from their session token.</summary>
    private async Task<string> RoleOfCredentialsAsync(string identity, string provider, string idToken, string? customRole, CancellationToken ct)
    {
        string[] args = ["get-credentials-for-identity", "--identity-id", identity, "--logins", Logins(provider, idToken)];
        if (customRole is not null)
        {
            args = [.. args, "--custom-role-arn", customRole];
        }

        var sessionToken = (await Cli.CognitoIdentityAsync(ct, args)).Ok().Prop("Credentials").Str("SessionToken");
        using var decoded = JsonDocument.Parse(Convert.FromBase64String(sessionToken));
        return decoded.RootElement.GetProperty("roleArn").GetString()!;
    }

    private static string Logins(string provider, string token) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { [provider] = token });
}
