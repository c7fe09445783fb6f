namespace Ninsho.Server.Tests;

/// <summary>A user pool's identity providers through the real AWS CLI: create (details completed as Cognito shows
/// them, default attribute mapping), describe, find by identifier, list, update, delete, and app clients that may
/// only name providers the pool has.</summary>
[Collection(DirectoryServer.Name)]
public sealed class IdentityProviderTests(NinshoServerFixture fixture)
{
    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Creates_describes_finds_lists_updates_and_deletes_providers()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = await Cli.CreatePoolAsync("federated", ct);

        var google = (await Cli.CognitoIdpAsync(ct, "create-identity-provider", "--user-pool-id", pool, "--provider-name", "Google",
            "--provider-type", "Google", "--provider-details", "client_id=gid.apps.googleusercontent.com,client_secret=gsecret,authorize_scopes=email profile openid",
            "--attribute-mapping", "email=email", "--idp-identifiers", "gmail.com")).Ok().Prop("IdentityProvider");
        Assert.Equal(pool, google.Str("UserPoolId"));
        var details = google.Prop("ProviderDetails");
        Assert.Equal("https://accounts.google.com/o/oauth2/v2/auth", details.Str("authorize_url"));
        Assert.Equal("https://www.googleapis.com/oauth2/v4/token", details.Str("token_url"));
        Assert.Equal("https://accounts.google.com", details.Str("oidc_issuer"));
        Assert.Equal("gsecret", details.Str("client_secret"));
        Assert.Equal("sub", google.Prop("AttributeMapping").Str("username"));
        Assert.Equal("email", google.Prop("AttributeMapping").Str("email"));

        var apple = (await Cli.CognitoIdpAsync(ct, "create-identity-provider", "--user-pool-id", pool, "--provider-name", "SignInWithApple",
            "--provider-type", "SignInWithApple", "--provider-details",
            "client_id=com.example.app,team_id=TEAM1,key_id=KEY1,private_key=PRIVATE,authorize_scopes=email name")).Ok().Prop("IdentityProvider");
        Assert.False(apple.Prop("ProviderDetails").TryGetProperty("private_key", out _));

        (await Cli.CognitoIdpAsync(ct, "create-identity-provider", "--user-pool-id", pool, "--provider-name", "MyGoogle",
            "--provider-type", "Google", "--provider-details", "client_id=a,client_secret=b,authorize_scopes=openid"))
            .AssertError("InvalidParameterException", "CreateIdentityProvider", "Provider MyGoogle cannot be of type Google.");
        (await Cli.CognitoIdpAsync(ct, "create-identity-provider", "--user-pool-id", pool, "--provider-name", "Google",
            "--provider-type", "Google", "--provider-details", "client_id=a,client_secret=b,authorize_scopes=openid"))
            .AssertError("DuplicateProviderException", "CreateIdentityProvider", "A provider with the name Google already exists in this user pool.");
        (await Cli.CognitoIdpAsync(ct, "create-identity-provider", "--user-pool-id", pool, "--provider-name", "Corp",
            "--provider-type", "OIDC", "--provider-details", "client_id=a,authorize_scopes=openid,attributes_request_method=GET"))
            .AssertError("InvalidParameterException", "CreateIdentityProvider", "oidc_issuer is required for a OIDC identity provider.");
        (await Cli.CognitoIdpAsync(ct, "create-identity-provider", "--user-pool-id", pool, "--provider-name", "Corp",
            "--provider-type", "SAML", "--provider-details", "IDPSignout=true", "--idp-identifiers", "gmail.com"))
            .AssertError("InvalidParameterException", "CreateIdentityProvider", "MetadataURL or MetadataFile is required for a SAML identity provider.");
        (await Cli.CognitoIdpAsync(ct, "create-identity-provider", "--user-pool-id", pool, "--provider-name", "Corp",
            "--provider-type", "SAML", "--provider-details", "MetadataURL=https://idp.example.com/metadata", "--idp-identifiers", "gmail.com"))
            .AssertError("InvalidParameterException", "CreateIdentityProvider",
                "Duplicate IdpIdentifier: an identifier can name only one identity provider of the user pool.");
        var saml = (await Cli.CognitoIdpAsync(ct, "create-identity-provider", "--user-pool-id", pool, "--provider-name", "Corp",
            "--provider-type", "SAML", "--provider-details", "MetadataURL=https://idp.example.com/metadata", "--idp-identifiers", "example.com")).Ok()
            .Prop("IdentityProvider");
        Assert.Empty(saml.Prop("AttributeMapping").Names());

        var described = (await Cli.CognitoIdpAsync(ct, "describe-identity-provider", "--user-pool-id", pool, "--provider-name", "Google")).Ok()
            .Prop("IdentityProvider");
        Assert.Equal(google.GetRawText(), described.GetRawText());
        var byIdentifier = (await Cli.CognitoIdpAsync(ct, "get-identity-provider-by-identifier", "--user-pool-id", pool,
            "--idp-identifier", "example.com")).Ok().Prop("IdentityProvider");
        Assert.Equal("Corp", byIdentifier.Str("ProviderName"));

        var page = (await Cli.CognitoIdpAsync(ct, "list-identity-providers", "--user-pool-id", pool, "--max-results", "2")).Ok();
        Assert.Equal(["Corp", "Google"], page.Items("Providers").Select(p => p.Str("ProviderName")));
        var rest = (await Cli.CognitoIdpAsync(ct, "list-identity-providers", "--user-pool-id", pool, "--max-results", "2",
            "--next-token", page.Str("NextToken"))).Ok();
        Assert.Equal(["SignInWithApple"], rest.Items("Providers").Select(p => p.Str("ProviderName")));

        var updated = (await Cli.CognitoIdpAsync(ct, "update-identity-provider", "--user-pool-id", pool, "--provider-name", "Google",
            "--attribute-mapping", "name=name", "--idp-identifiers", "google.example")).Ok().Prop("IdentityProvider");
        Assert.Equal(["email", "name", "username"], updated.Prop("AttributeMapping").Names().Order(StringComparer.Ordinal));
        Assert.Equal(["google.example"], updated.Items("IdpIdentifiers").Select(i => i.GetString()));
        Assert.Equal("gsecret", updated.Prop("ProviderDetails").Str("client_secret"));

        (await Cli.CognitoIdpAsync(ct, "delete-identity-provider", "--user-pool-id", pool, "--provider-name", "Google")).OkEmpty();
        (await Cli.CognitoIdpAsync(ct, "describe-identity-provider", "--user-pool-id", pool, "--provider-name", "Google"))
            .AssertError("ResourceNotFoundException", "DescribeIdentityProvider", $"Identity provider Google does not exist in user pool {pool}.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task App_clients_may_only_name_COGNITO_and_the_pools_providers()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = await Cli.CreatePoolAsync("federated-clients", ct);
        (await Cli.CognitoIdpAsync(ct, "create-user-pool-client", "--user-pool-id", pool, "--client-name", "web",
            "--supported-identity-providers", "COGNITO", "Salesforce"))
            .AssertError("InvalidParameterException", "CreateUserPoolClient", $"The provider Salesforce does not exist for User Pool {pool}.");

        (await Cli.CognitoIdpAsync(ct, "create-identity-provider", "--user-pool-id", pool, "--provider-name", "Salesforce",
            "--provider-type", "OIDC", "--provider-details",
            "client_id=a,client_secret=b,authorize_scopes=openid,attributes_request_method=GET,oidc_issuer=https://login.salesforce.example")).Ok();
        var client = (await Cli.CognitoIdpAsync(ct, "create-user-pool-client", "--user-pool-id", pool, "--client-name", "web",
            "--supported-identity-providers", "COGNITO", "Salesforce")).Ok().Prop("UserPoolClient");
        Assert.Equal(["COGNITO", "Salesforce"], client.Items("SupportedIdentityProviders").Select(p => p.GetString()));
        (await Cli.CognitoIdpAsync(ct, "update-user-pool-client", "--user-pool-id", pool, "--client-id", client.Str("ClientId"),
            "--supported-identity-providers", "Google"))
            .AssertError("InvalidParameterException", "UpdateUserPoolClient", $"The provider Google does not exist for User Pool {pool}.");
    }
}
