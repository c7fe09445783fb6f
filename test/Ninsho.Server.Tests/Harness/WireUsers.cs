using System.Net;
using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>Raw-HTTP set-up shared by tests that need a pool, a password client and signed-in users quickly
/// (the aws CLI costs a Python start per call).</summary>
public static class WireUsers
{
    /// <summary>Creates a pool and a secret-less client allowing USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH.</summary>
    public static async Task<(string PoolId, string ClientId)> CreatePoolAndClientAsync(RawCognito raw, CancellationToken ct)
    {
        var pool = Ok(await raw.IdpAsync("CreateUserPool", """{"PoolName":"wire"}""", ct)).Prop("UserPool").Str("Id");
        var client = Ok(await raw.IdpAsync("CreateUserPoolClient", Json(new
        {
            UserPoolId = pool,
            ClientName = "wire",
            ExplicitAuthFlows = new[] { "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
        }), ct)).Prop("UserPoolClient").Str("ClientId");
        return (pool, client);
    }

    public static Task<RawResponse> AdminCreateUserAsync(RawCognito raw, string poolId, string username, CancellationToken ct) =>
        raw.IdpAsync("AdminCreateUser", Json(new { UserPoolId = poolId, Username = username, MessageAction = "SUPPRESS" }), ct);

    public static Task<RawResponse> AdminSetUserPasswordAsync(RawCognito raw, string poolId, string username, string password, CancellationToken ct) =>
        raw.IdpAsync("AdminSetUserPassword", Json(new { UserPoolId = poolId, Username = username, Password = password, Permanent = true }), ct);

    /// <summary>Creates a CONFIRMED user with a permanent password.</summary>
    public static async Task CreateUserAsync(RawCognito raw, string poolId, string username, string password, CancellationToken ct)
    {
        _ = Ok(await AdminCreateUserAsync(raw, poolId, username, ct));
        _ = Ok(await AdminSetUserPasswordAsync(raw, poolId, username, password, ct));
    }

    /// <summary>InitiateAuth USER_PASSWORD_AUTH (unsigned, as clients send it).</summary>
    public static Task<RawResponse> SignInAsync(RawCognito raw, string clientId, string username, string password, CancellationToken ct) =>
        raw.PostAsync(RawCognito.IdpPrefix + "InitiateAuth", Json(new
        {
            AuthFlow = "USER_PASSWORD_AUTH",
            ClientId = clientId,
            AuthParameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["USERNAME"] = username, ["PASSWORD"] = password },
        }), ct, sign: false);

    /// <summary>InitiateAuth REFRESH_TOKEN_AUTH.</summary>
    public static Task<RawResponse> RefreshAsync(RawCognito raw, string clientId, string refreshToken, CancellationToken ct) =>
        raw.PostAsync(RawCognito.IdpPrefix + "InitiateAuth", Json(new
        {
            AuthFlow = "REFRESH_TOKEN_AUTH",
            ClientId = clientId,
            AuthParameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["REFRESH_TOKEN"] = refreshToken },
        }), ct, sign: false);

    /// <summary>GetUser with an access token (unsigned).</summary>
    public static Task<RawResponse> GetUserAsync(RawCognito raw, string accessToken, CancellationToken ct) =>
        raw.PostAsync(RawCognito.IdpPrefix + "GetUser", Json(new { AccessToken = accessToken }), ct, sign: false);

    /// <summary>GlobalSignOut with an access token (unsigned).</summary>
    public static Task<RawResponse> GlobalSignOutAsync(RawCognito raw, string accessToken, CancellationToken ct) =>
        raw.PostAsync(RawCognito.IdpPrefix + "GlobalSignOut", Json(new { AccessToken = accessToken }), ct, sign: false);

    /// <summary>The root element of a 200 answer; fails the test with the whole response otherwise.</summary>
    public static JsonElement Ok(RawResponse response)
    {
        Assert.True(response.Status == HttpStatusCode.OK, response.Describe());
        return response.Json!.RootElement;
    }

    public static string Json(object body) => JsonSerializer.Serialize(body);
}
