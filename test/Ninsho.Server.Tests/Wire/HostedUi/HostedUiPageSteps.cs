using System.Net;
using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>What the hosted-UI page tests share: a pool with a domain, a code-flow client for a loopback callback, the
/// authorize URL a relying party sends the browser to, the outbox URL the browser reads codes from, and the
/// exchange of the code the callback received at <c>/oauth2/token</c>.</summary>
internal static class HostedUiPageSteps
{
    /// <summary>A pool created with <paramref name="options"/> and a domain; returns its id and the domain prefix.</summary>
    public static async Task<(string PoolId, string Prefix)> PoolWithDomainAsync(AwsCli cli, string name, CancellationToken ct, params string[] options)
    {
        var poolId = await cli.CreatePoolAsync(name, ct, options);
        var prefix = "ui-" + poolId.Split('_')[1].ToLowerInvariant();
        (await cli.CognitoIdpAsync(ct, "create-user-pool-domain", "--user-pool-id", poolId, "--domain", prefix)).Ok();
        return (poolId, prefix);
    }

    /// <summary>A code-flow client without a secret for <paramref name="callbackUrl"/>.</summary>
    public static async Task<string> CodeClientAsync(RawCognito raw, string poolId, string callbackUrl, CancellationToken ct) =>
        (await CodeClientAsync(raw, poolId, callbackUrl, secret: false, ct)).ClientId;

    /// <summary>A code-flow client for <paramref name="callbackUrl"/>, over raw HTTP (the AWS CLI v1 would fetch an
    /// http:// parameter value); with a secret when <paramref name="secret"/>, returned with it.</summary>
    public static async Task<(string ClientId, string? Secret)> CodeClientAsync(RawCognito raw, string poolId, string callbackUrl, bool secret, CancellationToken ct)
    {
        var request = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["UserPoolId"] = poolId,
            ["ClientName"] = "hosted-pages",
            ["AllowedOAuthFlows"] = new[] { "code" },
            ["AllowedOAuthScopes"] = new[] { "openid", "email" },
            ["AllowedOAuthFlowsUserPoolClient"] = true,
            ["CallbackURLs"] = new[] { callbackUrl },
            ["SupportedIdentityProviders"] = new[] { "COGNITO" },
            ["GenerateSecret"] = secret,
        });
        var response = await raw.IdpAsync("CreateUserPoolClient", request, ct);
        Assert.True(response.Status == HttpStatusCode.OK, response.Describe());
        var client = response.Json!.RootElement.GetProperty("UserPoolClient");
        return (client.Str("ClientId"), secret ? client.Str("ClientSecret") : null);
    }

    public static string Authorize(string baseUrl, string prefix, string clientId, string callbackUrl, string state) =>
        $"{baseUrl}/domain/{prefix}/oauth2/authorize?response_type=code&client_id={clientId}" +
        $"&redirect_uri={Uri.EscapeDataString(callbackUrl)}&state={state}&scope=openid";

    public static string Outbox(string baseUrl, string poolId, string recipient) =>
        $"{baseUrl}/_ninsho/outbox?pool={Uri.EscapeDataString(poolId)}&recipient={Uri.EscapeDataString(recipient)}";

    /// <summary>Takes the code the callback received (with <paramref name="state"/>) and exchanges it; returns the
    /// access token's payload.</summary>
    public static async Task<JsonElement> ExchangeAsync(
        string baseUrl, string prefix, string clientId, LoopbackCallback callback, string state, CancellationToken ct, string? clientSecret = null)
    {
        Assert.True(callback.TryTake(out var query), "the callback received no request");
        Assert.Equal(state, query!["state"]);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var token = await http.PostAsync(new Uri($"{baseUrl}/domain/{prefix}/oauth2/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = clientId,
            ["code"] = query["code"],
            ["redirect_uri"] = callback.Url,
            ["client_secret"] = clientSecret ?? "",
        }.Where(f => f.Value.Length > 0).ToDictionary()), ct);
        var body = await token.Content.ReadAsStringAsync(ct);
        Assert.True(token.StatusCode == HttpStatusCode.OK, body);
        using var tokens = JsonDocument.Parse(body);
        return Jwt.Payload(tokens.RootElement.Str("access_token")).Clone();
    }
}
