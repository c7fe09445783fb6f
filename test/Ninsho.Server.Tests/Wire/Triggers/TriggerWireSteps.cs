using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>Steps the sign-in trigger tests share: a pool whose LambdaConfig names test functions, and the invocation log.</summary>
internal static class TriggerWireSteps
{
    /// <summary>A pool with <paramref name="lambdaConfig"/> (JSON), a client allowing the password, SRP and refresh flows (plus <paramref name="clientOptions"/>)
    /// and a confirmed user <c>alice</c> (email <paramref name="email"/>).</summary>
    public static async Task<(string Pool, string Client)> PoolAsync(
        AwsCli cli, string lambdaConfig, string email, CancellationToken ct, string[]? poolOptions = null, params string[] clientOptions)
    {
        var pool = await cli.CreatePoolAsync("sign-in-triggers", ct, ["--lambda-config", lambdaConfig, .. poolOptions ?? []]);
        var client = (await cli.CreateClientAsync(pool, "sign-in-client", ct, ["--explicit-auth-flows", "ALLOW_USER_PASSWORD_AUTH",
            "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", .. clientOptions])).Str("ClientId");
        _ = await cli.CreateConfirmedUserAsync(pool, "alice", ct, $"Name=email,Value={email}", "Name=email_verified,Value=true", "Name=name,Value=Alice");
        return (pool, client);
    }

    public static string Config(string trigger, string function) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { [trigger] = LambdaHost.Arn(function) });

    /// <summary>A LambdaConfig with <c>PreTokenGenerationConfig</c> of <paramref name="version"/>.</summary>
    public static string PreTokenConfig(string version, string function, string? otherTrigger = null, string? otherFunction = null)
    {
        var config = new Dictionary<string, object>
        {
            ["PreTokenGenerationConfig"] = new Dictionary<string, string> { ["LambdaVersion"] = version, ["LambdaArn"] = LambdaHost.Arn(function) },
        };
        if (otherTrigger is not null)
        {
            config[otherTrigger] = LambdaHost.Arn(otherFunction!);
        }

        return JsonSerializer.Serialize(config);
    }

    public static async Task<JsonElement> AdminSignInAsync(AwsCli cli, string pool, string client, string username, CancellationToken ct, params string[] extra) =>
        (await cli.CognitoIdpAsync(ct, ["admin-initiate-auth", "--user-pool-id", pool, "--client-id", client, "--auth-flow", "ADMIN_USER_PASSWORD_AUTH",
            "--auth-parameters", $"USERNAME={username},PASSWORD={CliSteps.Password}", .. extra])).Ok().Prop("AuthenticationResult");

    public static async Task<IReadOnlyList<JsonElement>> InvocationsAsync(NinshoProcess server, string pool, CancellationToken ct)
    {
        using var http = new HttpClient();
        var body = await http.GetStringAsync(new Uri($"{server.BaseUrl}/_ninsho/triggers?pool={pool}"), ct);
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("Invocations").EnumerateArray().Select(e => e.Clone())];
    }
}
