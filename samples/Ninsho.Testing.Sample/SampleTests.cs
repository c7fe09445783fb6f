using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Ninsho.Testing.Sample;

/// <summary>What a .NET service's test suite does with Ninsho.Testing: sign in against the seeded pool and have the
/// service's JwtBearer handler accept the tokens, reset between tests, wait for a verification code, and expire a token
/// by moving the server's clock.</summary>
public sealed class SampleTests(NinshoFixture ninsho) : IClassFixture<NinshoFixture>, IAsyncLifetime
{
    private readonly CognitoJson _cognito = new(ninsho.Server.Endpoint);

    /// <summary>Every test starts from the seed: what an earlier test created is gone, the clock is back.</summary>
    public async ValueTask InitializeAsync() => await ninsho.Server.ResetAsync(cancellationToken: TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync()
    {
        _cognito.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task The_api_accepts_the_pools_tokens_and_refuses_a_missing_or_tampered_one()
    {
        var tokens = await _cognito.SignInAsync(NinshoFixture.ClientId, NinshoFixture.Alice, NinshoFixture.AlicePassword);
        var accessToken = tokens["AccessToken"]!.GetValue<string>();
        var idToken = tokens["IdToken"]!.GetValue<string>();
        await using var api = await ProtectedApi.StartAsync(ninsho.Server.Issuer(NinshoFixture.PoolId), NinshoFixture.ClientId);

        var me = await GetAsync(api, "/me", accessToken);
        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.NotEmpty(me.Body); // the username (a UUID: this pool signs in by email)
        var profile = await GetAsync(api, "/profile", idToken);
        Assert.Equal((HttpStatusCode.OK, NinshoFixture.Alice), profile);

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(api, "/me", null)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(api, "/me", Tampered(accessToken))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(api, "/profile", Tampered(idToken))).Status);
        // An ID token is not an access token, and the other way round.
        Assert.NotEqual(HttpStatusCode.OK, (await GetAsync(api, "/me", idToken)).Status);
        Assert.NotEqual(HttpStatusCode.OK, (await GetAsync(api, "/profile", accessToken)).Status);
    }

    [Fact]
    public async Task Sign_up_is_confirmed_with_the_code_from_the_outbox()
    {
        const string dave = "dave@example.com";
        var (status, _) = await _cognito.CallAsync("SignUp", new
        {
            ClientId = NinshoFixture.ClientId,
            Username = dave,
            Password = "Sup3r-secret",
            UserAttributes = new[] { new { Name = "email", Value = dave } },
        });
        Assert.Equal(200, status);

        var code = await ninsho.Server.WaitForCodeAsync(dave, cancellationToken: TestContext.Current.CancellationToken);
        _ = await _cognito.OkAsync("ConfirmSignUp", new { ClientId = NinshoFixture.ClientId, Username = dave, ConfirmationCode = code });

        var tokens = await _cognito.SignInAsync(NinshoFixture.ClientId, dave, "Sup3r-secret");
        Assert.False(string.IsNullOrEmpty(tokens["AccessToken"]?.GetValue<string>()));
    }

    [Fact]
    public async Task An_access_token_expires_when_the_servers_clock_moves_an_hour()
    {
        var carol = await ninsho.Server.CreateUserAsync(
            NinshoFixture.PoolId,
            NinshoFixture.ClientId,
            "carol@example.com",
            new Dictionary<string, string> { ["email"] = "carol@example.com" },
            cancellationToken: TestContext.Current.CancellationToken);
        _ = await _cognito.OkAsync("GetUser", new { carol.AccessToken });

        _ = await ninsho.Server.AdvanceClockAsync(TimeSpan.FromMinutes(61), TestContext.Current.CancellationToken);

        // Ninsho judges the token by its own (moved) clock. A JwtBearer handler in this process would still accept it:
        // it judges expiry by this machine's real clock, which the server cannot move.
        var (status, body) = await _cognito.CallAsync("GetUser", new { carol.AccessToken });
        Assert.Equal(400, status);
        Assert.Equal("NotAuthorizedException", body["__type"]?.GetValue<string>());
        Assert.Equal("Access Token has expired", body["message"]?.GetValue<string>());
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(ProtectedApi api, string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await api.Client.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The token with one claim changed and the signature kept: what an attacker who edits a token sends.</summary>
    private static string Tampered(string jwt)
    {
        var parts = jwt.Split('.');
        var payload = JsonNode.Parse(Base64UrlDecode(parts[1]))!.AsObject();
        payload["email"] = "mallory@example.com";
        payload["exp"] = payload["exp"]!.GetValue<long>() + 86_400;
        parts[1] = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.ToJsonString())).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return string.Join('.', parts);
    }

    private static byte[] Base64UrlDecode(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }
}
