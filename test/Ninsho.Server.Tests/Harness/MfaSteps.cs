using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>CLI steps the MFA wire tests share: challenge answers and the last code the outbox holds.</summary>
public static class MfaSteps
{
    /// <summary><c>respond-to-auth-challenge</c> with the responses as a JSON map (values may contain commas).</summary>
    public static Task<AwsCliResult> RespondAsync(
        this AwsCli cli, string clientId, string challenge, string session, CancellationToken ct, params (string Key, string Value)[] responses) =>
        cli.CognitoIdpAsync(ct, "respond-to-auth-challenge", "--client-id", clientId, "--challenge-name", challenge,
            "--session", session, "--challenge-responses",
            JsonSerializer.Serialize(responses.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal)));

    /// <summary><c>initiate-auth --auth-flow USER_PASSWORD_AUTH</c>, whatever it answers.</summary>
    public static Task<AwsCliResult> PasswordAuthAsync(this AwsCli cli, string clientId, string username, CancellationToken ct) =>
        cli.CognitoIdpAsync(ct, "initiate-auth", "--client-id", clientId, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", $"USERNAME={username},PASSWORD={CliSteps.Password}");

    /// <summary>The code of the newest outbox message to <paramref name="recipient"/>, with its medium.</summary>
    public static async Task<(string Code, string Medium, string Body)> LastCodeAsync(RawCognito raw, string poolId, string recipient, CancellationToken ct)
    {
        var response = await raw.GetAsync($"/_ninsho/outbox?pool={Uri.EscapeDataString(poolId)}&recipient={Uri.EscapeDataString(recipient)}", ct);
        Assert.Equal(200, response.StatusCode);
        var messages = response.Json!.RootElement.Items("Messages");
        Assert.NotEmpty(messages);
        var last = messages[^1];
        return (last.Str("Code"), last.Str("Medium"), last.Str("Body"));
    }
}
