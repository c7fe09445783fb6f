using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>
/// Set-up steps the feature wire tests share. Each is one real <c>aws cognito-idp</c> call that must succeed, so a
/// test reads as the commands a user would type, and a broken step fails with the CLI's own output.
/// </summary>
public static class CliSteps
{
    /// <summary>A password the default policy accepts (upper, lower, digit, symbol, 12 characters).</summary>
    public const string Password = "Perm#Pass123";

    /// <summary>The flows a client needs for the password and refresh sign-ins the tests drive.</summary>
    public static readonly string[] PasswordFlows =
        ["--explicit-auth-flows", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];

    /// <summary><c>create-user-pool --pool-name NAME …</c>; returns the pool id.</summary>
    public static async Task<string> CreatePoolAsync(this AwsCli cli, string name, CancellationToken ct, params string[] options) =>
        (await cli.CognitoIdpAsync(ct, ["create-user-pool", "--pool-name", name, .. options])).Ok().Prop("UserPool").Str("Id");

    /// <summary><c>create-user-pool-client --user-pool-id POOL --client-name NAME …</c>; returns the client.</summary>
    public static async Task<JsonElement> CreateClientAsync(
        this AwsCli cli, string poolId, string name, CancellationToken ct, params string[] options) =>
        (await cli.CognitoIdpAsync(ct, ["create-user-pool-client", "--user-pool-id", poolId, "--client-name", name, .. options]))
            .Ok().Prop("UserPoolClient");

    /// <summary>A client without a secret that allows USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH and refresh;
    /// returns its id.</summary>
    public static async Task<string> CreatePasswordClientAsync(
        this AwsCli cli, string poolId, CancellationToken ct, params string[] options) =>
        (await cli.CreateClientAsync(poolId, "password-client", ct, [.. PasswordFlows, .. options])).Str("ClientId");

    /// <summary><c>admin-create-user … --message-action SUPPRESS</c> then <c>admin-set-user-password --permanent</c>:
    /// a CONFIRMED user whose password is <see cref="Password"/>. <paramref name="attributes"/> are
    /// <c>Name=…,Value=…</c> items. Returns the user as admin-create-user printed it.</summary>
    public static async Task<JsonElement> CreateConfirmedUserAsync(
        this AwsCli cli, string poolId, string username, CancellationToken ct, params string[] attributes)
    {
        var user = await cli.CreateUserAsync(poolId, username, ct, attributes);
        (await cli.CognitoIdpAsync(ct,
            "admin-set-user-password", "--user-pool-id", poolId, "--username", user.Str("Username"),
            "--password", Password, "--permanent")).OkEmpty();
        return user;
    }

    /// <summary><c>admin-create-user … --message-action SUPPRESS</c> (FORCE_CHANGE_PASSWORD, generated temporary
    /// password). Returns the <c>User</c> member.</summary>
    public static async Task<JsonElement> CreateUserAsync(
        this AwsCli cli, string poolId, string username, CancellationToken ct, params string[] attributes)
    {
        string[] args = ["admin-create-user", "--user-pool-id", poolId, "--username", username, "--message-action", "SUPPRESS"];
        if (attributes.Length > 0)
        {
            args = [.. args, "--user-attributes", .. attributes];
        }

        return (await cli.CognitoIdpAsync(ct, args)).Ok().Prop("User");
    }

    /// <summary><c>initiate-auth --auth-flow USER_PASSWORD_AUTH</c>, which must end in tokens; returns
    /// AuthenticationResult.</summary>
    public static async Task<JsonElement> SignInAsync(
        this AwsCli cli, string clientId, string username, CancellationToken ct, string password = Password) =>
        (await cli.CognitoIdpAsync(ct,
            "initiate-auth", "--client-id", clientId, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", $"USERNAME={username},PASSWORD={password}")).Ok().Prop("AuthenticationResult");

    /// <summary><c>admin-get-user</c>; returns the whole output.</summary>
    public static async Task<JsonElement> GetUserAsync(this AwsCli cli, string poolId, string username, CancellationToken ct) =>
        (await cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", poolId, "--username", username)).Ok();

    /// <summary><c>describe-user-pool</c>; returns <c>UserPool</c>.</summary>
    public static async Task<JsonElement> DescribePoolAsync(this AwsCli cli, string poolId, CancellationToken ct) =>
        (await cli.CognitoIdpAsync(ct, "describe-user-pool", "--user-pool-id", poolId)).Ok().Prop("UserPool");

    /// <summary><c>list-users</c> with extra options, following nothing: the usernames in the order printed.</summary>
    public static async Task<IReadOnlyList<string>> ListUsernamesAsync(
        this AwsCli cli, string poolId, CancellationToken ct, params string[] options) =>
        [.. (await cli.CognitoIdpAsync(ct, ["list-users", "--user-pool-id", poolId, .. options])).Ok()
            .Items("Users").Select(u => u.Str("Username"))];
}
