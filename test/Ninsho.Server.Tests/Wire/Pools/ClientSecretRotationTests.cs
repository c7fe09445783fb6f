using System.Security.Cryptography;
using System.Text;

namespace Ninsho.Server.Tests;

/// <summary>
/// add-user-pool-client-secret, list-user-pool-client-secrets and delete-user-pool-client-secret through the real
/// CLI: at most two secrets, values shown only when generated, SECRET_HASH and the client secret accepted with
/// either secret during a rotation and refused with a deleted one, the last secret kept.
/// </summary>
[Collection(SignInServer.Name)]
public sealed class ClientSecretRotationTests(NinshoServerFixture fixture)
{
    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_rotate_a_client_secret_without_downtime()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("secret-rotation", ct);
        var client = await Cli.CreateClientAsync(poolId, "confidential", ct, [.. CliSteps.PasswordFlows, "--generate-secret"]);
        var clientId = client.Str("ClientId");
        var first = client.Str("ClientSecret");
        _ = await Cli.CreateConfirmedUserAsync(poolId, "ida", ct);

        var listed = await ListAsync(poolId, clientId, ct);
        var firstId = Assert.Single(listed).Str("ClientSecretId");
        Assert.StartsWith(clientId + "--", firstId, StringComparison.Ordinal);
        listed[0].AssertMissing("ClientSecretValue");
        listed[0].AssertEpochSeconds("ClientSecretCreateDate");

        var added = (await Cli.CognitoIdpAsync(ct, "add-user-pool-client-secret", "--user-pool-id", poolId, "--client-id", clientId))
            .Ok().Prop("ClientSecretDescriptor");
        var second = added.Str("ClientSecretValue");
        var secondId = added.Str("ClientSecretId");
        Assert.Matches("^[a-z0-9]{51}$", second);
        Assert.NotEqual(first, second);
        Assert.NotEqual(firstId, secondId);
        Assert.StartsWith(clientId + "--", secondId, StringComparison.Ordinal);

        // Two is the limit.
        (await Cli.CognitoIdpAsync(ct, "add-user-pool-client-secret", "--user-pool-id", poolId, "--client-id", clientId))
            .AssertErrorStartsWith("LimitExceededException", "AddUserPoolClientSecret", "");

        listed = await ListAsync(poolId, clientId, ct);
        Assert.Equal([firstId, secondId], listed.Select(s => s.Str("ClientSecretId")));
        Assert.All(listed, s => s.AssertMissing("ClientSecretValue"));
        // Describe keeps showing the original secret.
        Assert.Equal(first, await DescribedSecretAsync(poolId, clientId, ct));

        // During the rotation either secret signs in, and either works as the client secret.
        var tokens = await SignInAsync(clientId, first, ct);
        _ = await SignInAsync(clientId, second, ct);
        (await Cli.CognitoIdpAsync(ct,
            "get-tokens-from-refresh-token", "--client-id", clientId, "--client-secret", second, "--refresh-token=" + tokens.Str("RefreshToken")))
            .Ok().Prop("AuthenticationResult");

        (await Cli.CognitoIdpAsync(ct, "delete-user-pool-client-secret", "--user-pool-id", poolId, "--client-id", clientId, "--client-secret-id", firstId))
            .OkEmpty();
        Assert.Equal([secondId], (await ListAsync(poolId, clientId, ct)).Select(s => s.Str("ClientSecretId")));
        Assert.Equal(second, await DescribedSecretAsync(poolId, clientId, ct));

        (await SignInResultAsync(clientId, first, ct))
            .AssertError("NotAuthorizedException", "InitiateAuth", $"Unable to verify secret hash for client {clientId}");
        (await Cli.CognitoIdpAsync(ct,
            "get-tokens-from-refresh-token", "--client-id", clientId, "--client-secret", first, "--refresh-token=" + tokens.Str("RefreshToken")))
            .AssertError("NotAuthorizedException", "GetTokensFromRefreshToken", $"Unable to verify secret hash for client {clientId}");
        _ = await SignInAsync(clientId, second, ct);

        // The last secret stays; an unknown id is not found. (Wordings guessed: only the types are asserted.)
        (await Cli.CognitoIdpAsync(ct, "delete-user-pool-client-secret", "--user-pool-id", poolId, "--client-id", clientId, "--client-secret-id", secondId))
            .AssertErrorStartsWith("InvalidParameterException", "DeleteUserPoolClientSecret", "");
        (await Cli.CognitoIdpAsync(ct, "delete-user-pool-client-secret", "--user-pool-id", poolId, "--client-id", clientId, "--client-secret-id", firstId))
            .AssertErrorStartsWith("ResourceNotFoundException", "DeleteUserPoolClientSecret", "");
        _ = await SignInAsync(clientId, second, ct);

        // Secrets are sealed at rest: neither value appears anywhere in the database files.
        foreach (var secret in new[] { first, second })
        {
            Assert.False(DatabaseContains(secret), "a client secret is stored in clear");
        }

        Assert.True(DatabaseContains(clientId), "the check reads the database the server writes");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_not_return_a_secret_the_caller_chose_and_refuses_public_clients()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("secret-custom", ct);
        var clientId = (await Cli.CreateClientAsync(poolId, "confidential", ct, [.. CliSteps.PasswordFlows, "--generate-secret"])).Str("ClientId");
        var publicId = await Cli.CreatePasswordClientAsync(poolId, ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "jo", ct);
        const string Chosen = "my_own_secret_value_0123456789abcdef";

        var added = (await Cli.CognitoIdpAsync(ct,
            "add-user-pool-client-secret", "--user-pool-id", poolId, "--client-id", clientId, "--client-secret", Chosen))
            .Ok().Prop("ClientSecretDescriptor");
        added.AssertMissing("ClientSecretValue");
        _ = added.Str("ClientSecretId");
        _ = await SignInAsync(clientId, Chosen, ct, "jo");

        (await Cli.CognitoIdpAsync(ct, "add-user-pool-client-secret", "--user-pool-id", poolId, "--client-id", publicId))
            .AssertErrorStartsWith("InvalidParameterException", "AddUserPoolClientSecret", "");
        Assert.Empty(await ListAsync(poolId, publicId, ct));
        (await Cli.CognitoIdpAsync(ct, "list-user-pool-client-secrets", "--user-pool-id", poolId, "--client-id", "nosuchclient0000000000000"))
            .AssertError("ResourceNotFoundException", "ListUserPoolClientSecrets", "User pool client nosuchclient0000000000000 does not exist.");
    }

    /// <summary>True when the server's SQLite files (database and write-ahead log) hold <paramref name="text"/>.</summary>
    private bool DatabaseContains(string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        foreach (var path in Directory.EnumerateFiles(fixture.Server.DataDir, "ninsho.db*"))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            if (copy.GetBuffer().AsSpan(0, (int)copy.Length).IndexOf(needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private async Task<IReadOnlyList<System.Text.Json.JsonElement>> ListAsync(string poolId, string clientId, CancellationToken ct) =>
        (await Cli.CognitoIdpAsync(ct, "list-user-pool-client-secrets", "--user-pool-id", poolId, "--client-id", clientId))
            .Ok().Items("ClientSecrets");

    private async Task<string> DescribedSecretAsync(string poolId, string clientId, CancellationToken ct) =>
        (await Cli.CognitoIdpAsync(ct, "describe-user-pool-client", "--user-pool-id", poolId, "--client-id", clientId))
            .Ok().Prop("UserPoolClient").Str("ClientSecret");

    private Task<AwsCliResult> SignInResultAsync(string clientId, string secret, CancellationToken ct, string username = "ida") =>
        Cli.CognitoIdpAsync(ct,
            "initiate-auth", "--client-id", clientId, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", $"USERNAME={username},PASSWORD={CliSteps.Password},SECRET_HASH={SecretHash(secret, username, clientId)}");

    private async Task<System.Text.Json.JsonElement> SignInAsync(string clientId, string secret, CancellationToken ct, string username = "ida") =>
        (await SignInResultAsync(clientId, secret, ct, username)).Ok().Prop("AuthenticationResult");

    /// <summary>SECRET_HASH = Base64(HMAC-SHA256(secret, username + clientId)) (docs/cognito-behaviour.md#secret-hash).</summary>
    private static string SecretHash(string secret, string username, string clientId) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(username + clientId)));
}
