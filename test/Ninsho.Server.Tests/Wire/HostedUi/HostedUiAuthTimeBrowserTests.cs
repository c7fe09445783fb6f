using static Ninsho.Server.Tests.HeadlessBrowser;
using static Ninsho.Server.Tests.HostedUiPageSteps;

namespace Ninsho.Server.Tests;

/// <summary><c>auth_time</c> in tokens from the hosted UI's sign-in session: a second authorize answered from the
/// <c>cognito</c> cookie (no form) gives tokens whose <c>auth_time</c> is the time the person signed in, not the time
/// of the code's exchange, as OpenID Connect defines the claim.</summary>
[Collection(DirectoryServer.Name)]
public sealed class HostedUiAuthTimeBrowserTests(NinshoServerFixture fixture)
{
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Keeps_the_original_sign_in_time_in_tokens_from_the_session()
    {
        var ct = TestContext.Current.CancellationToken;
        var baseUrl = fixture.BaseUrl.TrimEnd('/');
        using var callback = new LoopbackCallback();
        var (poolId, prefix) = await PoolWithDomainAsync(fixture.Cli, "ui-auth-time", ct);
        var clientId = await CodeClientAsync(fixture.Raw, poolId, callback.Url, ct);
        _ = await fixture.Cli.CreateConfirmedUserAsync(poolId, "aki", ct);
        var authorize = Authorize(baseUrl, prefix, clientId, callback.Url, "st-time");

        var report = await RunAsync(nameof(HostedUiAuthTimeBrowserTests), [
            Goto(authorize),
            .. HostedUiBrowserSetup.SignIn("aki"),
            WaitForUrl(callback.Url),

            // More than a second later (auth_time counts seconds), the session answers without the form.
            Eval("new Promise((resolve) => setTimeout(() => resolve('waited'), 1100))"),
            Goto(authorize),
            WaitForUrl(callback.Url),
        ], ct, stepTimeoutMs: 10_000);
        HostedUiBrowserSetup.AssertPassedWithoutCspViolation(report);

        var first = await ExchangeAsync(baseUrl, prefix, clientId, callback, "st-time", ct);
        var second = await ExchangeAsync(baseUrl, prefix, clientId, callback, "st-time", ct);
        var signedInAt = first.GetProperty("auth_time").GetInt64();
        Assert.Equal(signedInAt, second.GetProperty("auth_time").GetInt64());
        Assert.True(signedInAt < second.GetProperty("iat").GetInt64(), $"auth_time {signedInAt} is the exchange's time, not the sign-in's");
    }
}
