using System.Net;
using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>What the hosted-UI browser tests set up: app clients created over raw HTTP (the AWS CLI v1 would fetch an
/// http(s) parameter value instead of sending it, cli_follow_urlparam), authorize URLs, the steps of a sign-in on
/// the login page, and the check that Chromium reported no Content-Security-Policy violation.</summary>
internal static class HostedUiBrowserSetup
{
    /// <summary>An OAuth app client of the pool; <paramref name="providers"/> defaults to <c>COGNITO</c>.</summary>
    public static async Task<string> CreateClientAsync(
        NinshoServerFixture fixture, string poolId, string[] callbackUrls, CancellationToken ct,
        string[]? flows = null, string[]? logoutUrls = null, string[]? providers = null, string[]? scopes = null)
    {
        var request = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["UserPoolId"] = poolId,
            ["ClientName"] = "browser",
            ["AllowedOAuthFlows"] = flows ?? ["code"],
            ["AllowedOAuthScopes"] = scopes ?? ["openid", "email"],
            ["AllowedOAuthFlowsUserPoolClient"] = true,
            ["CallbackURLs"] = callbackUrls,
            ["LogoutURLs"] = logoutUrls ?? [],
            ["SupportedIdentityProviders"] = providers ?? ["COGNITO"],
        });
        var response = await fixture.Raw.IdpAsync("CreateUserPoolClient", request, ct);
        Assert.True(response.Status == HttpStatusCode.OK, response.Describe());
        return response.Json!.RootElement.GetProperty("UserPoolClient").Str("ClientId");
    }

    /// <summary><c>{basePath}/oauth2/authorize?…</c> for the code flow (unless <paramref name="extra"/> names another
    /// response_type) to <paramref name="redirectUri"/>.</summary>
    public static string Authorize(string basePath, string clientId, string redirectUri, string state, params (string Name, string Value)[] extra)
    {
        var fields = new List<(string Name, string Value)> { ("client_id", clientId), ("redirect_uri", redirectUri), ("state", state), ("scope", "openid") };
        if (!extra.Any(e => e.Name == "response_type"))
        {
            fields.Insert(0, ("response_type", "code"));
        }

        foreach (var (name, value) in extra)
        {
            _ = fields.RemoveAll(f => f.Name == name);
            fields.Add((name, value));
        }

        return basePath + "/oauth2/authorize?" + string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Name)}={Uri.EscapeDataString(f.Value)}"));
    }

    /// <summary>Types the username and password on the login page and submits the form.</summary>
    public static IEnumerable<System.Text.Json.Nodes.JsonObject> SignIn(string username) =>
    [
        HeadlessBrowser.Fill("#password", CliSteps.Password),
        HeadlessBrowser.Fill("#username", username),
        HeadlessBrowser.Click("button[type=submit]"),
    ];

    /// <summary>Every step passed and Chromium reported no Content-Security-Policy violation on any page.</summary>
    public static void AssertPassedWithoutCspViolation(BrowserReport report)
    {
        Assert.True(report.Ok, report.Describe());
        Assert.DoesNotContain(report.Console, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        Assert.All(report.Screenshots, file => Assert.True(new FileInfo(file).Length > 0, file));
    }

    /// <summary>The query the callback received next, within a few seconds.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> NextAsync(LoopbackCallback callback, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        return await callback.NextAsync(timeout.Token);
    }
}
