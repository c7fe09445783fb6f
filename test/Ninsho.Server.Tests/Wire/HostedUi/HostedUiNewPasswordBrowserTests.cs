using static Ninsho.Server.Tests.HeadlessBrowser;
using static Ninsho.Server.Tests.HostedUiPageSteps;

namespace Ninsho.Server.Tests;

/// <summary>NEW_PASSWORD_REQUIRED on the hosted UI in headless Chromium: a user an administrator created signs in
/// with the temporary password, gets the new-password page (with the pool's required attribute the user lacks), and
/// after two different passwords (refused on the page) and then the same one twice lands on the callback with a code
/// the token endpoint exchanges.</summary>
[Collection(DirectoryServer.Name)]
public sealed class HostedUiNewPasswordBrowserTests(NinshoServerFixture fixture)
{
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_ask_an_admin_created_user_for_a_new_password_and_the_missing_required_attribute()
    {
        var ct = TestContext.Current.CancellationToken;
        var baseUrl = fixture.BaseUrl.TrimEnd('/');
        using var callback = new LoopbackCallback();
        var (poolId, prefix) = await PoolWithDomainAsync(fixture.Cli, "ui-newpass", ct,
            "--schema", "Name=given_name,AttributeDataType=String,Required=true,Mutable=true");
        // A client with a secret: the pages answer the challenge's SECRET_HASH for the browser.
        var (clientId, secret) = await CodeClientAsync(fixture.Raw, poolId, callback.Url, secret: true, ct);
        const string Temporary = "Temp#Pass123";
        (await fixture.Cli.CognitoIdpAsync(ct, "admin-create-user", "--user-pool-id", poolId, "--username", "nao",
            "--temporary-password", Temporary, "--message-action", "SUPPRESS")).Ok();

        var report = await RunAsync(nameof(HostedUiNewPasswordBrowserTests), [
            Goto(Authorize(baseUrl, prefix, clientId, callback.Url, "st-newpass")),
            Fill("#username", "nao"),
            Fill("#password", Temporary),
            Click("button[type=submit]"),
            Text("h1"),
            Screenshot("1-new-password"),
            Fill("#password", CliSteps.Password),
            Fill("#confirmPassword", CliSteps.Password + "x"),
            Fill("#attr-given_name", "Nao"),
            Click("button[type=submit]"),
            Text("p.error"),
            Screenshot("2-new-password-refused"),
            Fill("#password", CliSteps.Password),
            Fill("#confirmPassword", CliSteps.Password),
            Fill("#attr-given_name", "Nao"),
            Click("button[type=submit]"),
            WaitForUrl(callback.Url),
        ], ct, stepTimeoutMs: 10_000);

        Assert.True(report.Ok, report.Describe());
        Assert.DoesNotContain(report.Console, m => m.Contains("Content Security Policy", StringComparison.Ordinal));
        Assert.Equal(["Change Password", "Passwords do not match."], report.Texts);
        var access = await ExchangeAsync(baseUrl, prefix, clientId, callback, "st-newpass", ct, secret);
        Assert.Equal("nao", access.Str("username"));
        var user = await fixture.Cli.GetUserAsync(poolId, "nao", ct);
        Assert.Equal("CONFIRMED", user.Str("UserStatus"));
        Assert.Contains(user.Items("UserAttributes"), a => a.Str("Name") == "given_name" && a.Str("Value") == "Nao");
    }
}
