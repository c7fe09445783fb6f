using static Ninsho.Server.Tests.HeadlessBrowser;

namespace Ninsho.Server.Tests;

/// <summary>The web console at <c>/_ninsho/console</c> as a person uses it in headless Chromium: from the pools list
/// to a pool's settings, clients, groups, providers and resource servers; the users list with its filter, a user's
/// page and every action on it (each a form post answered by a redirect, or by the API's error on the page). One
/// server for the class; screenshots under <c>TestResults/browser/&lt;test&gt;/</c>.</summary>
public sealed class ConsoleBrowserTests(NinshoServerFixture fixture) : IClassFixture<NinshoServerFixture>
{
    private AwsCli Cli => fixture.Cli;

    private string ConsoleUrl => fixture.BaseUrl + "/_ninsho/console";

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_walk_from_the_pools_list_to_a_pools_settings_clients_groups_providers_and_resource_servers()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("console-pool", ct,
            "--policies", "PasswordPolicy={MinimumLength=10,RequireUppercase=true,RequireLowercase=false,RequireNumbers=true,RequireSymbols=false}",
            "--username-attributes", "email",
            "--lambda-config", "PreSignUp=arn:aws:lambda:us-east-1:000000000000:function:console-pre-sign-up");
        (await Cli.CognitoIdpAsync(ct, "set-user-pool-mfa-config", "--user-pool-id", poolId,
            "--software-token-mfa-configuration", "Enabled=true", "--mfa-configuration", "OPTIONAL")).Ok();
        var prefix = "console-" + poolId.Split('_')[1].ToLowerInvariant();
        (await Cli.CognitoIdpAsync(ct, "create-user-pool-domain", "--user-pool-id", poolId, "--domain", prefix)).Ok();
        var client = await Cli.CreateClientAsync(poolId, "console-web", ct,
            "--explicit-auth-flows", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH",
            "--allowed-o-auth-flows", "code", "--allowed-o-auth-scopes", "openid", "--allowed-o-auth-flows-user-pool-client",
            "--callback-urls", "myapp://signed-in", "--supported-identity-providers", "COGNITO");
        (await Cli.CognitoIdpAsync(ct, "create-group", "--user-pool-id", poolId, "--group-name", "editors", "--description", "Edit things", "--precedence", "3")).Ok();
        (await Cli.CognitoIdpAsync(ct, "create-resource-server", "--user-pool-id", poolId, "--identifier", "api.console.test",
            "--name", "console-api", "--scopes", "ScopeName=read,ScopeDescription=Read")).Ok();
        (await Cli.CognitoIdpAsync(ct, "create-identity-provider", "--user-pool-id", poolId, "--provider-name", "Google", "--provider-type", "Google",
            "--provider-details", "client_id=console-google,client_secret=s3cret,authorize_scopes=openid email")).Ok();
        (await Cli.CognitoIdentityAsync(ct, "create-identity-pool", "--identity-pool-name", "console_identities", "--allow-unauthenticated-identities")).Ok();

        var report = await RunAsync(nameof(Does_walk_from_the_pools_list_to_a_pools_settings_clients_groups_providers_and_resource_servers), [
            Goto(ConsoleUrl + "/"),
            Text("#identity-pools tbody"),
            Screenshot("pools"),
            Click($"#pools a[href$='{poolId}']"),
            WaitForUrl(ConsoleUrl + "/pools/" + poolId),
            Text("h1"),
            Text("#password-policy"),
            Text("#mfa"),
            Text("#sign-in"),
            Text("#triggers"),
            Text("#domain"),
            Text("#clients tbody"),
            Text("#groups tbody"),
            Text("#providers tbody"),
            Text("#resource-servers tbody"),
            Screenshot("pool"),
        ], ct);

        Assert.True(report.Ok, report.Describe());
        Assert.DoesNotContain(report.Console, m => m.Contains("Content Security Policy", StringComparison.Ordinal));
        var texts = report.Texts;
        Assert.Contains("console_identities", texts[0]);
        Assert.Contains("console-pool", texts[1]);
        Assert.Equal("at least 10 characters, with uppercase, numbers; temporary passwords valid 7 days", texts[2]);
        Assert.Equal("OPTIONAL", texts[3]);
        Assert.Equal("username attributes: email", texts[4]);
        Assert.Contains("PreSignUp: arn:aws:lambda:us-east-1:000000000000:function:console-pre-sign-up", texts[5]);
        Assert.Contains(prefix, texts[6]);
        Assert.Contains(client.Str("ClientId"), texts[7]);
        Assert.Contains("ALLOW_USER_SRP_AUTH", texts[7]);
        Assert.Contains("myapp://signed-in", texts[7]);
        Assert.Contains("Edit things", texts[8]);
        Assert.Contains("Google", texts[9]);
        Assert.Contains("api.console.test", texts[10]);
        Assert.Contains("read", texts[10]);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_list_filter_and_page_users_and_run_every_user_action_through_the_api()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("console-users", ct);
        (await Cli.CognitoIdpAsync(ct, "create-group", "--user-pool-id", poolId, "--group-name", "admins")).Ok();
        // Two pages' worth, created over raw HTTP at once (the CLI would take a call each).
        var created = await Task.WhenAll(Enumerable.Range(0, 52).Select(i => fixture.Raw.IdpAsync("AdminCreateUser",
            $$"""{"UserPoolId":"{{poolId}}","Username":"user{{i:00}}","MessageAction":"SUPPRESS"}""", ct)));
        Assert.All(created, r => Assert.True(r.Status == System.Net.HttpStatusCode.OK, r.Describe()));

        var users = $"{ConsoleUrl}/pools/{poolId}/users";
        var user = $"{ConsoleUrl}/pools/{poolId}/user?username=hana";
        var action = $"{ConsoleUrl}/pools/{poolId}/user/";
        var report = await RunAsync(nameof(Does_list_filter_and_page_users_and_run_every_user_action_through_the_api), [
            Goto(users),
            Eval("document.querySelectorAll('#users tbody tr').length"),
            Click("#next"),
            WaitForUrl(users + "?filter=&page="),
            Eval("document.querySelectorAll('#users tbody tr').length"),
            Goto(users),
            Fill("#new-username", "hana"),
            Fill("#new-email", "hana@example.com"),
            Click("#create-user button[type=submit]"),
            WaitForUrl(user + "&done=created"),
            Text("#notice"),
            Text("#status"),
            // A password the pool's policy refuses: the API's error type and message, on the page.
            Fill("#password", "short"),
            Click("#set-password button[type=submit]"),
            WaitForUrl(action + "password"),
            Text("#error"),
            Screenshot("refused"),
            Goto(user),
            Fill("#password", CliSteps.Password),
            Click("#permanent"),
            Click("#set-password button[type=submit]"),
            WaitForUrl(user + "&done=password"),
            Text("#status"),
            Click("#disable"),
            WaitForUrl(user + "&done=disabled"),
            Text("#enabled"),
            Click("#enable"),
            WaitForUrl(user + "&done=enabled"),
            Text("#enabled"),
            Click("#add-group button[type=submit]"),
            WaitForUrl(user + "&done=grouped"),
            Text("#user-groups"),
            Click("#signout"),
            WaitForUrl(user + "&done=signedout"),
            Text("#notice"),
            Screenshot("user"),
            Click(".remove-group"),
            WaitForUrl(user + "&done=ungrouped"),
            Text("#user-groups"),
            // Confirming a user who is already confirmed: refused by AdminConfirmSignUp.
            Click("#confirm"),
            WaitForUrl(action + "confirm"),
            Text("#error"),
            Goto(users),
            Fill("#filter", "username ^= \"han\""),
            Click("#filter-form button[type=submit]"),
            WaitForUrl(users + "?filter="),
            Text("#users tbody"),
            Screenshot("users"),
            Goto(user),
            Click("#delete"),
            WaitForUrl(users + "?done=deleted"),
            Text("#notice"),
        ], ct);

        Assert.True(report.Ok, report.Describe());
        Assert.DoesNotContain(report.Console, m => m.Contains("Content Security Policy", StringComparison.Ordinal));
        var t = report.Texts;
        Assert.Equal(["50", "2"], t.Take(2));
        Assert.Equal("User created.", t[2]);
        Assert.Equal("FORCE_CHANGE_PASSWORD", t[3]);
        Assert.StartsWith("InvalidPasswordException: Password does not conform to policy", t[4]);
        Assert.Equal("CONFIRMED", t[5]);
        Assert.Equal(["false", "true", "admins"], t.Skip(6).Take(3));
        Assert.StartsWith("Signed out everywhere", t[9]);
        Assert.Equal("", t[10]);
        Assert.StartsWith("NotAuthorizedException: User cannot be confirmed. Current status is CONFIRMED", t[11]);
        Assert.Contains("hana", t[12]);
        Assert.DoesNotContain("user00", t[12]);
        Assert.Equal("User deleted.", t[13]);

        // What the console did is what the API sees.
        var gone = await Cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", poolId, "--username", "hana");
        Assert.Contains("UserNotFoundException", gone.Stderr);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_show_the_outbox_newest_first_with_the_code_and_update_live_when_a_message_arrives()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("console-messages", ct);
        (await Cli.CognitoIdpAsync(ct, "admin-create-user", "--user-pool-id", poolId, "--username", "first",
            "--user-attributes", "Name=email,Value=first@example.com", "--desired-delivery-mediums", "EMAIL")).Ok();
        var other = await Cli.CreatePoolAsync("console-messages-other", ct);
        (await Cli.CognitoIdpAsync(ct, "admin-create-user", "--user-pool-id", other, "--username", "elsewhere",
            "--user-attributes", "Name=email,Value=elsewhere@example.com", "--desired-delivery-mediums", "EMAIL")).Ok();

        // What a person does in another tab while the page is open: an API call that sends an invitation.
        var invite = $$"""{"UserPoolId":"{{poolId}}","Username":"second","UserAttributes":[{"Name":"email","Value":"live@example.com"}],"DesiredDeliveryMediums":["EMAIL"]}""";
        var send = "(fetch('/', { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.1', "
            + "'X-Amz-Target': 'AWSCognitoIdentityProviderService.AdminCreateUser' }, body: " + System.Text.Json.JsonSerializer.Serialize(invite) + " }), 'sent')";
        var report = await RunAsync(nameof(Does_show_the_outbox_newest_first_with_the_code_and_update_live_when_a_message_arrives), [
            Goto(ConsoleUrl + "/messages"),
            Fill("#pool", poolId),
            Click("#messages-filter button[type=submit]"),
            WaitForUrl(ConsoleUrl + "/messages?pool="),
            Text("#messages tbody"),
            Text("#messages tbody tr:first-child .code"),
            Eval(send),
            Text("#messages >> text=live@example.com"),
            Text("#messages tbody tr:first-child .recipient"),
            Eval("document.querySelectorAll('#messages tbody tr').length"),
            Screenshot("messages"),
        ], ct);

        Assert.True(report.Ok, report.Describe());
        Assert.DoesNotContain(report.Console, m => m.Contains("Content Security Policy", StringComparison.Ordinal));
        var t = report.Texts;
        Assert.Contains("first@example.com", t[0]);
        Assert.DoesNotContain("elsewhere@example.com", t[0]);
        var firstCode = await OutboxCodeAsync(poolId, "first@example.com", ct);
        Assert.Equal(firstCode, t[1]);
        Assert.Contains("live@example.com", t[4]);
        Assert.Equal("2", t[5]);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_decode_a_token_and_check_signature_expiry_issuer_client_and_revocation()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("console-tokens", ct);
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "kaito", ct);
        var tokens = await Cli.SignInAsync(clientId, "kaito", ct);
        var access = tokens.Str("AccessToken");
        var id = tokens.Str("IdToken");
        var parts = access.Split('.');
        // The same header and claims under another signature.
        var forged = parts[0] + "." + parts[1] + "." + parts[2][..10] + (parts[2][10] == 'A' ? 'B' : 'A') + parts[2][11..];

        IEnumerable<System.Text.Json.Nodes.JsonObject> Inspect(string token) =>
        [
            Goto(ConsoleUrl + "/tokens"),
            Fill("#token", token),
            Click("#inspect button[type=submit]"),
        ];

        var before = await RunAsync(nameof(Does_decode_a_token_and_check_signature_expiry_issuer_client_and_revocation), [
            .. Inspect(access), Text("#checks tbody"), Text("#claims"), Screenshot("access"),
            .. Inspect(id), Text("#checks tbody"), Text("#claims"),
            .. Inspect(forged), Text("#checks tbody"),
            .. Inspect("not a token"), Text("#problem"),
        ], ct);
        Assert.True(before.Ok, before.Describe());
        Assert.DoesNotContain(before.Console, m => m.Contains("Content Security Policy", StringComparison.Ordinal));
        var t = before.Texts;
        Assert.Matches(@"Issuer\s*pass", t[0]);
        Assert.Matches(@"Signature\s*pass\s*RS256", t[0]);
        Assert.Matches(@"Expiry\s*pass", t[0]);
        Assert.Matches(@"client_id\s*pass\s*" + clientId, t[0]);
        Assert.Matches(@"Revocation\s*pass", t[0]);
        Assert.Contains("\"username\": \"kaito\"", t[1]);
        Assert.Matches(@"Audience\s*pass\s*" + clientId, t[2]);
        Assert.Matches(@"Revocation\s*not checked", t[2]);
        Assert.Contains("\"token_use\": \"id\"", t[3]);
        Assert.Matches(@"Signature\s*FAIL", t[4]);
        Assert.StartsWith("Not a JWT", t[5]);

        (await Cli.CognitoIdpAsync(ct, "admin-user-global-sign-out", "--user-pool-id", poolId, "--username", "kaito")).OkEmpty();
        var after = await RunAsync(nameof(Does_decode_a_token_and_check_signature_expiry_issuer_client_and_revocation) + "_revoked", [.. Inspect(access), Text("#checks tbody"), Screenshot("revoked")], ct);
        Assert.True(after.Ok, after.Describe());
        Assert.Matches(@"Signature\s*pass", after.Texts[0]);
        Assert.Matches(@"Revocation\s*FAIL\s*GetUser refuses it: NotAuthorizedException: Access Token has been revoked", after.Texts[0]);
    }

    private async Task<string> OutboxCodeAsync(string poolId, string recipient, CancellationToken ct)
    {
        using var http = new HttpClient();
        using var json = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"{fixture.BaseUrl}/_ninsho/outbox?pool={poolId}&recipient={Uri.EscapeDataString(recipient)}", ct));
        return json.RootElement.GetProperty("Messages").EnumerateArray().Last().GetProperty("Code").GetString()!;
    }
}
