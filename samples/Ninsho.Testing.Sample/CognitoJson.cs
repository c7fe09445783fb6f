using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ninsho.Testing.Sample;

/// <summary>The cognito-idp JSON protocol by hand: <c>POST /</c> with <c>X-Amz-Target</c>, what an AWS SDK sends (use
/// AWSSDK.CognitoIdentityProvider with <c>ServiceURL = server.Endpoint</c> where you have it).</summary>
public sealed class CognitoJson(Uri endpoint) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = endpoint };

    /// <summary>Calls an operation; returns the HTTP status and the JSON answer (on errors <c>__type</c> and <c>message</c>).</summary>
    public async Task<(int Status, JsonObject Body)> CallAsync(string operation, object request)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/");
        message.Headers.Add("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation);
        message.Content = new StringContent(JsonSerializer.Serialize(request), Encoding.UTF8);
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        using var response = await _http.SendAsync(message, TestContext.Current.CancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)) as JsonObject ?? [];
        return ((int)response.StatusCode, body);
    }

    /// <summary>Calls an operation that must succeed.</summary>
    public async Task<JsonObject> OkAsync(string operation, object request)
    {
        var (status, body) = await CallAsync(operation, request);
        Assert.True(status == 200, $"{operation} answered {status}: {body.ToJsonString()}");
        return body;
    }

    /// <summary>USER_PASSWORD_AUTH sign-in; returns AuthenticationResult.</summary>
    public async Task<JsonObject> SignInAsync(string clientId, string username, string password)
    {
        var answer = await OkAsync("InitiateAuth", new
        {
            AuthFlow = "USER_PASSWORD_AUTH",
            ClientId = clientId,
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = username, ["PASSWORD"] = password },
        });
        return answer["AuthenticationResult"]!.AsObject();
    }

    public void Dispose() => _http.Dispose();
}
