using System.Net;
using System.Text.Json;
using static Ninsho.Server.Tests.HeadlessBrowser;
using static Ninsho.Server.Tests.HostedUiPageSteps;

namespace Ninsho.Server.Tests;

/// <summary>Passkey sign-in on the hosted UI in headless Chromium with a virtual authenticator (the DevTools
/// protocol's WebAuthn domain): the browser registers a passkey through StartWebAuthnRegistration and
/// CompleteWebAuthnRegistration with <c>navigator.credentials.create</c>, then signs in on the login page with
/// "Sign in with passkey": the page runs <c>navigator.credentials.get</c> with the WEB_AUTHN challenge's options and
/// posts the assertion, and the callback receives a code the token endpoint exchanges. The pages are served on
/// <c>http://localhost</c>, the pool's relying party id: WebAuthn accepts no IP address as one.</summary>
[Collection(DirectoryServer.Name)]
public sealed class HostedUiPasskeyBrowserTests(NinshoServerFixture fixture)
{
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Signs_in_with_a_passkey_the_browser_registered()
    {
        var ct = TestContext.Current.CancellationToken;
        var baseUrl = LocalhostUrl(fixture.BaseUrl);
        using var callback = new LoopbackCallback();
        var (poolId, prefix) = await PoolWithDomainAsync(fixture.Cli, "ui-passkey", ct,
            "--policies", """{"SignInPolicy":{"AllowedFirstAuthFactors":["PASSWORD","WEB_AUTHN"]}}""");
        (await fixture.Cli.CognitoIdpAsync(ct, "set-user-pool-mfa-config", "--user-pool-id", poolId,
            "--web-authn-configuration", "RelyingPartyId=localhost,UserVerification=preferred")).Ok();
        var clientId = await UserAuthClientAsync(poolId, callback.Url, ct);
        _ = await fixture.Cli.CreateConfirmedUserAsync(poolId, "kei", ct);
        var token = (await fixture.Cli.SignInAsync(clientId, "kei", ct)).Str("AccessToken");
        var authorize = Authorize(baseUrl, prefix, clientId, callback.Url, "st-passkey");

        var report = await RunAsync(nameof(HostedUiPasskeyBrowserTests), [
            VirtualAuthenticator(),

            // A page of this origin without the hosted UI's CSP, from which the page's script may call the API.
            Goto($"{baseUrl}/{poolId}/.well-known/jwks.json"),
            Eval(RegisterPasskey(token)),
            AuthenticatorCredentials(),
            Goto(authorize),
            Screenshot("1-login-with-passkey-button"),
            Fill("#username", "kei"),
            Click("#passkey"),
            Text("h1"),
            Screenshot("2-passkey-page"),
            Click("#passkey-start"),
            WaitForUrl(callback.Url),
        ], ct, stepTimeoutMs: 10_000);
        HostedUiBrowserSetup.AssertPassedWithoutCspViolation(report);
        Assert.Equal("registered", report.Texts[0]);
        Assert.Equal("1", report.Texts[1]);
        Assert.Equal("Sign in with passkey", report.Texts[2]);
        var access = await ExchangeAsync(baseUrl, prefix, clientId, callback, "st-passkey", ct);
        Assert.Equal("kei", access.Str("username"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Offers_no_passkey_where_the_pool_or_client_does_not_allow_it_and_says_so_for_a_user_without_one()
    {
        var ct = TestContext.Current.CancellationToken;
        var baseUrl = LocalhostUrl(fixture.BaseUrl);
        using var callback = new LoopbackCallback();
        var (plainPool, plainPrefix) = await PoolWithDomainAsync(fixture.Cli, "ui-no-passkey", ct);
        var plainClient = await UserAuthClientAsync(plainPool, callback.Url, ct);
        var (poolId, prefix) = await PoolWithDomainAsync(fixture.Cli, "ui-passkey-none", ct,
            "--policies", """{"SignInPolicy":{"AllowedFirstAuthFactors":["PASSWORD","WEB_AUTHN"]}}""");
        (await fixture.Cli.CognitoIdpAsync(ct, "set-user-pool-mfa-config", "--user-pool-id", poolId,
            "--web-authn-configuration", "RelyingPartyId=localhost")).Ok();
        var clientId = await UserAuthClientAsync(poolId, callback.Url, ct);
        var noUserAuth = await CodeClientAsync(fixture.Raw, poolId, callback.Url, ct);
        _ = await fixture.Cli.CreateConfirmedUserAsync(poolId, "ayu", ct);

        var report = await RunAsync(nameof(HostedUiPasskeyBrowserTests) + "-none", [
            Goto(Authorize(baseUrl, plainPrefix, plainClient, callback.Url, "s1")),
            Eval("String(document.querySelector('#passkey') === null)"),
            Goto(Authorize(baseUrl, prefix, noUserAuth, callback.Url, "s2")),
            Eval("String(document.querySelector('#passkey') === null)"),
            Goto(Authorize(baseUrl, prefix, clientId, callback.Url, "s3")),
            Fill("#username", "ayu"),
            Click("#passkey"),
            Text("p.error"),
            Screenshot("1-no-passkey-for-user"),
        ], ct, stepTimeoutMs: 10_000);
        HostedUiBrowserSetup.AssertPassedWithoutCspViolation(report);
        Assert.Equal("true", report.Texts[0]);
        Assert.Equal("true", report.Texts[1]);
        Assert.Equal("No passkey is registered for this user. Sign in with your password.", report.Texts[2]);
    }

    /// <summary>The fixture's <c>http://127.0.0.1:port</c> as <c>http://localhost:port</c>.</summary>
    private static string LocalhostUrl(string baseUrl) => baseUrl.TrimEnd('/').Replace("://127.0.0.1:", "://localhost:", StringComparison.Ordinal);

    /// <summary>A code-flow client that also allows USER_AUTH (choice-based sign-in, where passkeys are) and password sign-in.</summary>
    private async Task<string> UserAuthClientAsync(string poolId, string callbackUrl, CancellationToken ct)
    {
        var request = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["UserPoolId"] = poolId,
            ["ClientName"] = "passkey-pages",
            ["AllowedOAuthFlows"] = new[] { "code" },
            ["AllowedOAuthScopes"] = new[] { "openid", "email" },
            ["AllowedOAuthFlowsUserPoolClient"] = true,
            ["CallbackURLs"] = new[] { callbackUrl },
            ["SupportedIdentityProviders"] = new[] { "COGNITO" },
            ["ExplicitAuthFlows"] = new[] { "ALLOW_USER_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
        });
        var response = await fixture.Raw.IdpAsync("CreateUserPoolClient", request, ct);
        Assert.True(response.Status == HttpStatusCode.OK, response.Describe());
        return response.Json!.RootElement.GetProperty("UserPoolClient").Str("ClientId");
    }

    /// <summary>JavaScript run in the page: StartWebAuthnRegistration, <c>navigator.credentials.create</c> with its
    /// options (the virtual authenticator answers), CompleteWebAuthnRegistration with the credential; "registered".</summary>
    private static string RegisterPasskey(string accessToken) => $$"""
        (async () => {
          const call = async (operation, body) => {
            const response = await fetch('/', {
              method: 'POST',
              headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.' + operation },
              body: JSON.stringify(body),
            });
            const json = await response.json();
            if (!response.ok) throw new Error(operation + ': ' + JSON.stringify(json));
            return json;
          };
          const token = {{JsonSerializer.Serialize(accessToken)}};
          const started = await call('StartWebAuthnRegistration', { AccessToken: token });
          const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(started.CredentialCreationOptions);
          const credential = await navigator.credentials.create({ publicKey });
          await call('CompleteWebAuthnRegistration', { AccessToken: token, Credential: credential.toJSON() });
          return 'registered';
        })()
        """;
}
