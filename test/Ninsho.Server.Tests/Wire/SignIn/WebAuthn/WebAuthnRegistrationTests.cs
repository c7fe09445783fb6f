using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>Passkey registration through the real AWS CLI, answered by <see cref="SoftwarePasskey"/>:
/// start-web-authn-registration, complete-web-authn-registration, list-web-authn-credentials and
/// delete-web-authn-credential, with the pool's relying party (configured, or the pool's domain) and Cognito's
/// WebAuthn* errors.</summary>
[Collection(MfaServer.Name)]
public sealed class WebAuthnRegistrationTests(NinshoServerFixture fixture)
{
    private const string RpId = "auth.example.com";
    private const string Origin = "https://auth.example.com";

    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Registers_lists_and_deletes_a_passkey()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, clientId) = await PasskeyPoolAsync(ct);
        var token = await SignedInAsync(poolId, clientId, "mika", ct);
        using var passkey = new SoftwarePasskey();

        var options = await StartAsync(token, ct);
        Assert.Equal(RpId, options.Prop("rp").Str("id"));
        Assert.Equal("mika", options.Prop("user").Str("name"));
        Assert.Equal("mika", options.Prop("user").Str("displayName"));
        Assert.False(string.IsNullOrEmpty(options.Prop("user").Str("id")));
        Assert.True(options.Str("challenge").Length >= 22);
        Assert.Equal([-7, -257], options.Items("pubKeyCredParams").Select(p => p.GetProperty("alg").GetInt32()));
        Assert.Empty(options.Items("excludeCredentials"));
        Assert.Equal("required", options.Prop("authenticatorSelection").Str("residentKey"));
        Assert.Equal("preferred", options.Prop("authenticatorSelection").Str("userVerification"));
        Assert.Equal(JsonValueKind.Number, options.Prop("timeout").ValueKind);

        (await CompleteAsync(token, passkey.Register(options, Origin), ct)).OkEmpty();

        var listed = (await Cli.CognitoIdpAsync(ct, "list-web-authn-credentials", "--access-token", token)).Ok();
        var credential = Assert.Single(listed.Items("Credentials"));
        Assert.Equal(passkey.CredentialId, credential.Str("CredentialId"));
        Assert.Equal(RpId, credential.Str("RelyingPartyId"));
        Assert.Equal("platform", credential.Str("AuthenticatorAttachment"));
        Assert.Equal(["internal", "hybrid"], credential.Items("AuthenticatorTransports").Select(t => t.GetString()));
        Assert.False(string.IsNullOrEmpty(credential.Str("FriendlyCredentialName")));
        credential.AssertEpochSeconds("CreatedAt");
        listed.AssertMissing("NextToken");

        // A new registration excludes the passkeys the user already has.
        var again = await StartAsync(token, ct);
        Assert.Equal([passkey.CredentialId], again.Items("excludeCredentials").Select(c => c.GetProperty("id").GetString()));

        (await Cli.CognitoIdpAsync(ct, "delete-web-authn-credential", "--access-token", token, "--credential-id", passkey.CredentialId)).OkEmpty();
        (await Cli.CognitoIdpAsync(ct, "delete-web-authn-credential", "--access-token", token, "--credential-id", passkey.CredentialId))
            .AssertError("ResourceNotFoundException", "DeleteWebAuthnCredential", "The passkey credential was not found.");
        Assert.Empty((await Cli.CognitoIdpAsync(ct, "list-web-authn-credentials", "--access-token", token)).Ok().Items("Credentials"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Lists_in_pages_and_keeps_each_users_passkeys_apart()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, clientId) = await PasskeyPoolAsync(ct);
        var token = await SignedInAsync(poolId, clientId, "ren", ct);
        var other = await SignedInAsync(poolId, clientId, "sho", ct);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var passkey = new SoftwarePasskey();
            (await CompleteAsync(token, passkey.Register(await StartAsync(token, ct), Origin), ct)).OkEmpty();
            ids.Add(passkey.CredentialId);
        }

        var first = (await Cli.CognitoIdpAsync(ct, "list-web-authn-credentials", "--access-token", token, "--max-results", "2")).Ok();
        var rest = (await Cli.CognitoIdpAsync(ct, "list-web-authn-credentials", "--access-token", token, "--max-results", "2",
            "--next-token", first.Str("NextToken"))).Ok();
        rest.AssertMissing("NextToken");
        var listed = first.Items("Credentials").Concat(rest.Items("Credentials")).Select(c => c.Str("CredentialId")).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), listed);

        Assert.Empty((await Cli.CognitoIdpAsync(ct, "list-web-authn-credentials", "--access-token", other)).Ok().Items("Credentials"));
        (await Cli.CognitoIdpAsync(ct, "delete-web-authn-credential", "--access-token", other, "--credential-id", ids[0]))
            .AssertError("ResourceNotFoundException", "DeleteWebAuthnCredential", "The passkey credential was not found.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Refuses_a_replayed_missing_or_foreign_challenge()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, clientId) = await PasskeyPoolAsync(ct);
        var token = await SignedInAsync(poolId, clientId, "aoi", ct);
        using var passkey = new SoftwarePasskey();

        // Nothing started yet.
        using (var unasked = JsonDocument.Parse($$"""{"rp":{"id":"{{RpId}}"},"user":{"id":"dXNlcg"},"challenge":"bm90LXN0YXJ0ZWQ"}"""))
        {
            (await CompleteAsync(token, passkey.Register(unasked.RootElement, Origin), ct))
                .AssertError("WebAuthnChallengeNotFoundException", "CompleteWebAuthnRegistration", "The passkey registration challenge was not found or has expired.");
        }

        // Answered once, a challenge is gone.
        var options = await StartAsync(token, ct);
        var answer = passkey.Register(options, Origin);
        (await CompleteAsync(token, answer, ct)).OkEmpty();
        (await CompleteAsync(token, answer, ct))
            .AssertError("WebAuthnChallengeNotFoundException", "CompleteWebAuthnRegistration", "The passkey registration challenge was not found or has expired.");

        // An answer to another challenge than the one started.
        using var second = new SoftwarePasskey();
        _ = await StartAsync(token, ct);
        (await CompleteAsync(token, second.Register(options, Origin), ct))
            .AssertError("WebAuthnChallengeNotFoundException", "CompleteWebAuthnRegistration", "The passkey registration challenge was not found or has expired.");

        // A newer start replaces the older challenge.
        var older = await StartAsync(token, ct);
        var newer = await StartAsync(token, ct);
        Assert.NotEqual(older.Str("challenge"), newer.Str("challenge"));
        (await CompleteAsync(token, second.Register(older, Origin), ct))
            .AssertError("WebAuthnChallengeNotFoundException", "CompleteWebAuthnRegistration", "The passkey registration challenge was not found or has expired.");
        Assert.Single((await Cli.CognitoIdpAsync(ct, "list-web-authn-credentials", "--access-token", token)).Ok().Items("Credentials"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Checks_the_origin_and_the_relying_party()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, clientId) = await PasskeyPoolAsync(ct);
        var token = await SignedInAsync(poolId, clientId, "kai", ct);
        using var passkey = new SoftwarePasskey();

        foreach (var origin in new[] { "https://evil.example.net", "http://auth.example.com", "https://example.com", "https://xauth.example.com" })
        {
            (await CompleteAsync(token, passkey.Register(await StartAsync(token, ct), origin), ct))
                .AssertError("WebAuthnOriginNotAllowedException", "CompleteWebAuthnRegistration",
                    "The passkey credential's origin does not match the user pool's relying party ID.");
        }

        (await CompleteAsync(token, passkey.Register(await StartAsync(token, ct), Origin, rpId: "other.example.com"), ct))
            .AssertError("WebAuthnRelyingPartyMismatchException", "CompleteWebAuthnRegistration",
                "The passkey credential is for a different relying party than the user pool's.");

        (await CompleteAsync(token, """{"id":"x","type":"public-key","response":{}}""", ct))
            .AssertError("InvalidParameterException", "CompleteWebAuthnRegistration", "The passkey credential is not valid.");

        // A subdomain of the relying party id is a valid origin, with a port too.
        (await CompleteAsync(token, passkey.Register(await StartAsync(token, ct), "https://app.auth.example.com:8443"), ct)).OkEmpty();
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Completes_only_with_the_app_client_that_started()
    {
        var ct = TestContext.Current.CancellationToken;
        var (poolId, clientId) = await PasskeyPoolAsync(ct);
        var otherClient = await Cli.CreatePasswordClientAsync(poolId, ct);
        var token = await SignedInAsync(poolId, clientId, "yui", ct);
        var otherToken = (await Cli.SignInAsync(otherClient, "yui", ct)).Str("AccessToken");
        using var passkey = new SoftwarePasskey();

        var options = await StartAsync(token, ct);
        (await CompleteAsync(otherToken, passkey.Register(options, Origin), ct))
            .AssertError("WebAuthnClientMismatchException", "CompleteWebAuthnRegistration",
                "The access token is for a different app client than the one that started the passkey registration.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Needs_WEB_AUTHN_and_a_relying_party_or_a_domain()
    {
        var ct = TestContext.Current.CancellationToken;
        var plain = await Cli.CreatePoolAsync("no-passkeys", ct);
        var plainClient = await Cli.CreatePasswordClientAsync(plain, ct);
        _ = await Cli.CreateConfirmedUserAsync(plain, "nao", ct);
        var plainToken = (await Cli.SignInAsync(plainClient, "nao", ct)).Str("AccessToken");
        (await Cli.CognitoIdpAsync(ct, "start-web-authn-registration", "--access-token", plainToken))
            .AssertError("WebAuthnNotEnabledException", "StartWebAuthnRegistration", "Passkey (WEB_AUTHN) sign-in is not enabled for the user pool.");
        (await CompleteAsync(plainToken, """{"id":"x"}""", ct))
            .AssertError("WebAuthnNotEnabledException", "CompleteWebAuthnRegistration", "Passkey (WEB_AUTHN) sign-in is not enabled for the user pool.");

        var poolId = await Cli.CreatePoolAsync("passkeys-no-rp", ct,
            "--policies", """{"SignInPolicy":{"AllowedFirstAuthFactors":["PASSWORD","WEB_AUTHN"]}}""");
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "rio", ct);
        var token = (await Cli.SignInAsync(clientId, "rio", ct)).Str("AccessToken");
        (await Cli.CognitoIdpAsync(ct, "start-web-authn-registration", "--access-token", token))
            .AssertError("WebAuthnConfigurationMissingException", "StartWebAuthnRegistration",
                "The user pool has no passkey relying party ID and no user pool domain.");

        // Without a configured id, the pool's prefix domain is the relying party.
        var prefix = "passkeys-" + Guid.NewGuid().ToString("N")[..8];
        _ = (await Cli.CognitoIdpAsync(ct, "create-user-pool-domain", "--user-pool-id", poolId, "--domain", prefix)).Ok();
        var options = await StartAsync(token, ct);
        var rpId = $"{prefix}.auth.{AwsCli.Region}.amazoncognito.com";
        Assert.Equal(rpId, options.Prop("rp").Str("id"));
        using var passkey = new SoftwarePasskey();
        (await CompleteAsync(token, passkey.Register(options, "https://" + rpId), ct)).OkEmpty();
    }

    /// <summary>A pool that offers PASSWORD and WEB_AUTHN first, with relying party <see cref="RpId"/>, and a client
    /// for password sign-in and USER_AUTH.</summary>
    internal static async Task<(string PoolId, string ClientId)> PasskeyPoolAsync(AwsCli cli, CancellationToken ct)
    {
        var poolId = await cli.CreatePoolAsync("passkeys", ct,
            "--policies", """{"SignInPolicy":{"AllowedFirstAuthFactors":["PASSWORD","WEB_AUTHN"]}}""");
        (await cli.CognitoIdpAsync(ct, "set-user-pool-mfa-config", "--user-pool-id", poolId,
            "--web-authn-configuration", $"RelyingPartyId={RpId},UserVerification=preferred")).Ok();
        var clientId = await cli.CreatePasswordClientAsync(poolId, ct, "ALLOW_USER_AUTH");
        return (poolId, clientId);
    }

    private Task<(string PoolId, string ClientId)> PasskeyPoolAsync(CancellationToken ct) => PasskeyPoolAsync(Cli, ct);

    private async Task<string> SignedInAsync(string poolId, string clientId, string username, CancellationToken ct)
    {
        _ = await Cli.CreateConfirmedUserAsync(poolId, username, ct);
        return (await Cli.SignInAsync(clientId, username, ct)).Str("AccessToken");
    }

    private async Task<JsonElement> StartAsync(string token, CancellationToken ct) =>
        (await Cli.CognitoIdpAsync(ct, "start-web-authn-registration", "--access-token", token)).Ok().Prop("CredentialCreationOptions").Clone();

    private Task<AwsCliResult> CompleteAsync(string token, string credential, CancellationToken ct) =>
        Cli.CognitoIdpAsync(ct, "complete-web-authn-registration", "--access-token", token, "--credential", credential);
}
