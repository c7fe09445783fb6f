using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>AdminLinkProviderForUser and AdminDisableProviderForUser through the real AWS CLI: identities of a pool's
/// providers linked to a native user, shown where Cognito shows them (the <c>identities</c> attribute of
/// AdminGetUser and ListUsers, the <c>identities</c> claim of the ID token), the refusals, and unlinking.</summary>
[Collection(DirectoryServer.Name)]
public sealed class ProviderLinkTests(NinshoServerFixture fixture)
{
    private const string Link = "admin-link-provider-for-user";
    private const string Disable = "admin-disable-provider-for-user";

    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Links_identities_shows_them_on_the_user_and_in_the_id_token_and_unlinks_them()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = await Cli.CreatePoolAsync("linked", ct);
        await CreateGoogleAsync(pool, ct);
        await CreateSamlAsync(pool, "Corp", ct);
        var client = await Cli.CreatePasswordClientAsync(pool, ct);
        _ = await Cli.CreateConfirmedUserAsync(pool, "alice", ct, "Name=email,Value=alice@example.com");
        var before = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();

        (await Cli.CognitoIdpAsync(ct, Link, "--user-pool-id", pool, "--destination-user", "ProviderName=Cognito,ProviderAttributeValue=alice",
            "--source-user", "ProviderName=Google,ProviderAttributeName=Cognito_Subject,ProviderAttributeValue=109876543210")).OkEmpty();
        (await Cli.CognitoIdpAsync(ct, Link, "--user-pool-id", pool, "--destination-user", "ProviderName=Cognito,ProviderAttributeValue=alice",
            "--source-user", "ProviderName=Corp,ProviderAttributeName=email,ProviderAttributeValue=alice@corp.example")).OkEmpty();

        var identities = await IdentitiesAsync(pool, "alice", ct);
        Assert.Equal(2, identities.GetArrayLength());
        var google = identities[0];
        Assert.Equal(["userId", "providerName", "providerType", "issuer", "primary", "dateCreated"], google.Names());
        Assert.Equal(("109876543210", "Google", "Google"), (google.Str("userId"), google.Str("providerName"), google.Str("providerType")));
        Assert.Equal(JsonValueKind.Null, google.Prop("issuer").ValueKind);
        Assert.Equal(JsonValueKind.False, google.Prop("primary").ValueKind);
        var created = google.Prop("dateCreated").GetInt64();
        Assert.InRange(created, before - 60_000, TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() + 60_000);
        Assert.Equal(("alice@corp.example", "Corp", "SAML"), (identities[1].Str("userId"), identities[1].Str("providerName"), identities[1].Str("providerType")));

        var listed = (await Cli.CognitoIdpAsync(ct, "list-users", "--user-pool-id", pool)).Ok().Items("Users").Single();
        Assert.Equal(identities.GetRawText(), listed.Attributes("Attributes").Single(a => a.Key == "identities").Value);

        var tokens = await Cli.SignInAsync(client, "alice", ct);
        var claim = Jwt.Payload(tokens.Str("IdToken")).Prop("identities");
        Assert.Equal(JsonValueKind.Array, claim.ValueKind);
        Assert.Equal(["dateCreated", "userId", "providerName", "providerType", "issuer", "primary"], claim[0].Names());
        Assert.Equal((created.ToString(System.Globalization.CultureInfo.InvariantCulture), "109876543210", "false"),
            (claim[0].Str("dateCreated"), claim[0].Str("userId"), claim[0].Str("primary")));
        Assert.Equal("Corp", claim[1].Str("providerName"));
        Jwt.Payload(tokens.Str("AccessToken")).AssertMissing("identities");

        (await Cli.CognitoIdpAsync(ct, Disable, "--user-pool-id", pool,
            "--user", "ProviderName=Google,ProviderAttributeName=Cognito_Subject,ProviderAttributeValue=109876543210")).OkEmpty();
        Assert.Equal(["Corp"], (await IdentitiesAsync(pool, "alice", ct)).EnumerateArray().Select(i => i.Str("providerName")));
        (await Cli.CognitoIdpAsync(ct, Disable, "--user-pool-id", pool,
            "--user", "ProviderName=Google,ProviderAttributeName=Cognito_Subject,ProviderAttributeValue=109876543210"))
            .AssertError("InvalidParameterException", "AdminDisableProviderForUser", "Account isn't linked to anyone else, verify that the account has been linked");

        // Unlinked, the identity can be linked again, to another user.
        _ = await Cli.CreateConfirmedUserAsync(pool, "bob", ct);
        (await Cli.CognitoIdpAsync(ct, Link, "--user-pool-id", pool, "--destination-user", "ProviderName=Cognito,ProviderAttributeValue=bob",
            "--source-user", "ProviderName=Google,ProviderAttributeName=Cognito_Subject,ProviderAttributeValue=109876543210")).OkEmpty();
        Assert.Equal("109876543210", (await IdentitiesAsync(pool, "bob", ct))[0].Str("userId"));

        (await Cli.CognitoIdpAsync(ct, Disable, "--user-pool-id", pool,
            "--user", "ProviderName=Corp,ProviderAttributeName=email,ProviderAttributeValue=alice@corp.example")).OkEmpty();
        var alice = await Cli.GetUserAsync(pool, "alice", ct);
        Assert.DoesNotContain(alice.Attributes("UserAttributes"), a => a.Key == "identities");
        Jwt.Payload((await Cli.SignInAsync(client, "alice", ct)).Str("IdToken")).AssertMissing("identities");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Refuses_links_Cognito_refuses()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = await Cli.CreatePoolAsync("link-refusals", ct,
            "--schema", "Name=tier,AttributeDataType=String,Mutable=false");
        await CreateGoogleAsync(pool, ct);
        await CreateSamlAsync(pool, "Corp", ct);
        _ = await Cli.CreateConfirmedUserAsync(pool, "alice", ct);
        _ = await Cli.CreateConfirmedUserAsync(pool, "bob", ct);
        const string alice = "ProviderName=Cognito,ProviderAttributeValue=alice";
        const string google = "ProviderName=Google,ProviderAttributeName=Cognito_Subject,ProviderAttributeValue=g-1";

        async Task<AwsCliResult> LinkAsync(string destination, string source, string? poolId = null) =>
            await Cli.CognitoIdpAsync(ct, Link, "--user-pool-id", poolId ?? pool, "--destination-user", destination, "--source-user", source);

        (await LinkAsync("ProviderName=Cognito,ProviderAttributeValue=nobody", google))
            .AssertError("UserNotFoundException", "AdminLinkProviderForUser", "User does not exist.");
        (await LinkAsync("ProviderName=Google,ProviderAttributeValue=alice", google))
            .AssertError("InvalidParameterException", "AdminLinkProviderForUser",
                "Invalid DestinationUser: ProviderName must be Cognito (linking to federated users is not supported).");
        (await LinkAsync(alice, "ProviderName=Cognito,ProviderAttributeName=Cognito_Subject,ProviderAttributeValue=bob"))
            .AssertError("InvalidParameterException", "AdminLinkProviderForUser",
                "Invalid SourceUser: Cognito users with a username/password may not be passed in as a SourceUser, only as a DestinationUser");
        (await LinkAsync(alice, "ProviderName=Okta,ProviderAttributeName=Cognito_Subject,ProviderAttributeValue=o-1"))
            .AssertError("InvalidParameterException", "AdminLinkProviderForUser", $"The provider Okta does not exist for User Pool {pool}.");
        (await LinkAsync(alice, "ProviderName=Google,ProviderAttributeName=email,ProviderAttributeValue=alice@gmail.com"))
            .AssertError("InvalidParameterException", "AdminLinkProviderForUser",
                "Invalid SourceUser: ProviderAttributeName must be Cognito_Subject for a Google identity provider.");
        (await LinkAsync(alice, "ProviderName=Corp,ProviderAttributeValue=alice@corp.example"))
            .AssertError("InvalidParameterException", "AdminLinkProviderForUser", "Invalid SourceUser: ProviderAttributeName is required.");
        (await LinkAsync("ProviderName=Cognito", google))
            .AssertError("InvalidParameterException", "AdminLinkProviderForUser", "Invalid DestinationUser: ProviderAttributeValue is required.");
        (await LinkAsync(alice, google, poolId: "us-east-1_Nope00000"))
            .AssertError("ResourceNotFoundException", "AdminLinkProviderForUser", "User pool us-east-1_Nope00000 does not exist.");

        (await LinkAsync(alice, google)).OkEmpty();
        (await LinkAsync("ProviderName=Cognito,ProviderAttributeValue=bob", google))
            .AssertError("AliasExistsException", "AdminLinkProviderForUser", "The SourceUser is already linked to a user of this user pool.");
        (await LinkAsync(alice, google))
            .AssertError("AliasExistsException", "AdminLinkProviderForUser", "The SourceUser is already linked to a user of this user pool.");
        (await LinkAsync(alice, "ProviderName=Google,ProviderAttributeName=Cognito_Subject,ProviderAttributeValue=g-2"))
            .AssertError("InvalidParameterException", "AdminLinkProviderForUser", "The DestinationUser already has a linked identity of provider Google.");

        // Five linked identities at most.
        foreach (var name in new[] { "Corp2", "Corp3", "Corp4", "Corp5" })
        {
            await CreateSamlAsync(pool, name, ct);
            (await LinkAsync(alice, $"ProviderName={name},ProviderAttributeName=Cognito_Subject,ProviderAttributeValue=alice")).OkEmpty();
        }

        (await LinkAsync(alice, "ProviderName=Corp,ProviderAttributeName=Cognito_Subject,ProviderAttributeValue=alice"))
            .AssertError("LimitExceededException", "AdminLinkProviderForUser", "The DestinationUser has reached its limit of 5 linked identities.");
        Assert.Equal(5, (await IdentitiesAsync(pool, "alice", ct)).GetArrayLength());

        // A user with an immutable custom attribute can't be a destination.
        _ = await Cli.CreateConfirmedUserAsync(pool, "carol", ct, "Name=custom:tier,Value=gold");
        (await LinkAsync("ProviderName=Cognito,ProviderAttributeValue=carol", "ProviderName=Corp,ProviderAttributeName=Cognito_Subject,ProviderAttributeValue=carol"))
            .AssertError("InvalidParameterException", "AdminLinkProviderForUser",
                "Invalid DestinationUser: all its attributes must be mutable, and custom:tier is not.");

        (await Cli.CognitoIdpAsync(ct, Disable, "--user-pool-id", pool, "--user", "ProviderName=Okta,ProviderAttributeName=Cognito_Subject,ProviderAttributeValue=o-1"))
            .AssertError("InvalidParameterException", "AdminDisableProviderForUser", $"The provider Okta does not exist for User Pool {pool}.");
        (await Cli.CognitoIdpAsync(ct, Disable, "--user-pool-id", pool, "--user", "ProviderName=Google,ProviderAttributeName=Cognito_Subject,ProviderAttributeValue=g-2"))
            .AssertError("InvalidParameterException", "AdminDisableProviderForUser", "Account isn't linked to anyone else, verify that the account has been linked");
        (await Cli.CognitoIdpAsync(ct, Disable, "--user-pool-id", pool, "--user", "ProviderName=Cognito,ProviderAttributeName=Cognito_Subject,ProviderAttributeValue=alice"))
            .AssertError("InvalidParameterException", "AdminDisableProviderForUser",
                "Disabling a Cognito user with AdminDisableProviderForUser is not supported: use AdminDisableUser.");
        (await Cli.CognitoIdpAsync(ct, Disable, "--user-pool-id", pool, "--user", "ProviderName=Google,ProviderAttributeName=Cognito_Subject"))
            .AssertError("InvalidParameterException", "AdminDisableProviderForUser", "Invalid User: ProviderAttributeValue is required.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Deleting_a_user_removes_its_links()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = await Cli.CreatePoolAsync("link-delete", ct);
        await CreateGoogleAsync(pool, ct);
        _ = await Cli.CreateConfirmedUserAsync(pool, "alice", ct);
        const string google = "ProviderName=Google,ProviderAttributeName=Cognito_Subject,ProviderAttributeValue=g-1";
        (await Cli.CognitoIdpAsync(ct, Link, "--user-pool-id", pool, "--destination-user", "ProviderName=Cognito,ProviderAttributeValue=alice",
            "--source-user", google)).OkEmpty();

        (await Cli.CognitoIdpAsync(ct, "admin-delete-user", "--user-pool-id", pool, "--username", "alice")).OkEmpty();

        (await Cli.CognitoIdpAsync(ct, Disable, "--user-pool-id", pool, "--user", google))
            .AssertError("InvalidParameterException", "AdminDisableProviderForUser", "Account isn't linked to anyone else, verify that the account has been linked");
        _ = await Cli.CreateConfirmedUserAsync(pool, "alice", ct);
        (await Cli.CognitoIdpAsync(ct, Link, "--user-pool-id", pool, "--destination-user", "ProviderName=Cognito,ProviderAttributeValue=alice",
            "--source-user", google)).OkEmpty();
        Assert.Single((await IdentitiesAsync(pool, "alice", ct)).EnumerateArray());
    }

    private async Task CreateGoogleAsync(string pool, CancellationToken ct) =>
        _ = (await Cli.CognitoIdpAsync(ct, "create-identity-provider", "--user-pool-id", pool, "--provider-name", "Google", "--provider-type", "Google",
            "--provider-details", "client_id=gid,client_secret=gsecret,authorize_scopes=openid email")).Ok();

    private async Task CreateSamlAsync(string pool, string name, CancellationToken ct) =>
        _ = (await Cli.CognitoIdpAsync(ct, "create-identity-provider", "--user-pool-id", pool, "--provider-name", name, "--provider-type", "SAML",
            "--provider-details", "MetadataURL=https://idp.example.com/metadata")).Ok();

    /// <summary>The user's <c>identities</c> attribute (AdminGetUser), parsed.</summary>
    private async Task<JsonElement> IdentitiesAsync(string pool, string username, CancellationToken ct)
    {
        var user = await Cli.GetUserAsync(pool, username, ct);
        using var document = JsonDocument.Parse(user.Attributes("UserAttributes").Single(a => a.Key == "identities").Value);
        return document.RootElement.Clone();
    }
}
