namespace Ninsho.Server.Tests.InProcess;

/// <summary>With <c>--sigv4-credentials</c>, IAM-signed operations need a valid signature by a known key; public
/// operations (InitiateAuth, …) stay open. Driven by the real aws CLI, which signs with botocore.</summary>
public sealed class SigV4EnforcementTests
{
    private static InProcessServer Server(string accessKey, string secret) =>
        InProcessServer.With(o => o with { SigV4Credentials = new Dictionary<string, string>(StringComparer.Ordinal) { [accessKey] = secret } });

    [Fact]
    public async Task Does_accept_admin_calls_signed_with_a_known_key_and_public_calls_unsigned()
    {
        await using var server = Server(AwsCli.DummyAccessKeyId, AwsCli.DummySecretAccessKey);
        await server.InitializeAsync();
        var cli = new AwsCli(server.BaseUrl.ToString().TrimEnd('/'));
        var ct = TestContext.Current.CancellationToken;

        var pool = (await cli.CognitoIdpAsync(ct, "create-user-pool", "--pool-name", "signed")).Ok().GetProperty("UserPool").GetProperty("Id").GetString()!;
        var client = (await cli.CognitoIdpAsync(ct, "create-user-pool-client", "--user-pool-id", pool, "--client-name", "c",
            "--explicit-auth-flows", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")).Ok().GetProperty("UserPoolClient").GetProperty("ClientId").GetString()!;

        // InitiateAuth is public: the CLI sends it unsigned and the server must not ask for a signature.
        (await cli.CognitoIdpAsync(ct, "initiate-auth", "--auth-flow", "USER_PASSWORD_AUTH", "--client-id", client,
            "--auth-parameters", "USERNAME=nobody,PASSWORD=Whatever-1")).AssertError("UserNotFoundException", "InitiateAuth", "User does not exist.");

        var unsigned = await server.PostAsync("AWSCognitoIdentityProviderService.ListUserPools", "{\"MaxResults\":1}");
        Assert.Equal("MissingAuthenticationTokenException", unsigned.Body?.GetProperty("__type").GetString());
    }

    [Fact]
    public async Task Does_refuse_a_wrong_secret_with_InvalidSignatureException()
    {
        await using var server = Server(AwsCli.DummyAccessKeyId, "another-secret");
        await server.InitializeAsync();
        var cli = new AwsCli(server.BaseUrl.ToString().TrimEnd('/'));

        var result = await cli.CognitoIdpAsync(TestContext.Current.CancellationToken, "list-user-pools", "--max-results", "1");

        result.AssertError("InvalidSignatureException", "ListUserPools",
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }

    [Fact]
    public async Task Does_refuse_an_unknown_access_key_with_UnrecognizedClientException()
    {
        await using var server = Server("AKIDSOMEONEELSE", "secret");
        await server.InitializeAsync();
        var cli = new AwsCli(server.BaseUrl.ToString().TrimEnd('/'));

        var result = await cli.CognitoIdpAsync(TestContext.Current.CancellationToken, "list-user-pools", "--max-results", "1");

        result.AssertError("UnrecognizedClientException", "ListUserPools", "The security token included in the request is invalid.");
    }
}
