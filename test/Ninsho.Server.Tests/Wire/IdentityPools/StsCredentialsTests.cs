using System.Text.Json;
using Ninsho.Server.Hosting;

namespace Ninsho.Server.Tests;

/// <summary><c>serve --sts-endpoint</c>: GetCredentialsForIdentity gets its credentials from a real STS
/// (AssumeRoleWithWebIdentity with the identity's OpenID token), here moto's on loopback, and those credentials
/// work at moto's S3 with moto's IAM checks on (docs/compatibility-sts.md). Runs its own servers.</summary>
public sealed class StsCredentialsTests
{
    private const string RoleName = "ninsho-identity-auth";
    private const string RoleArn = $"arn:aws:iam::{MotoServer.AccountId}:role/{RoleName}";

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_return_credentials_from_STS_that_the_STS_side_accepts_for_S3()
    {
        var ct = TestContext.Current.CancellationToken;
        var moto = await MotoServer.StartAsync(ct);
        try
        {
            await using var server = await NinshoProcess.StartAsync(ct, "--sts-endpoint", moto.BaseUrl);
            var cli = new AwsCli(server.BaseUrl);

            // The role at moto's IAM: it may list buckets and nothing else.
            (await moto.AwsAsync("setup", "setup", null, ct, "iam", "create-role", "--role-name", RoleName,
                "--assume-role-policy-document", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}""")).Ok();
            (await moto.AwsAsync("setup", "setup", null, ct, "iam", "put-role-policy", "--role-name", RoleName, "--policy-name", "list-buckets",
                "--policy-document", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}""")).OkEmpty();

            var poolId = await cli.CreatePoolAsync("sts", ct);
            var clientId = await cli.CreatePasswordClientAsync(poolId, ct);
            _ = await cli.CreateConfirmedUserAsync(poolId, "alice", ct);
            var provider = $"cognito-idp.{AwsCli.Region}.amazonaws.com/{poolId}";
            var idPool = (await cli.CognitoIdentityAsync(ct, "create-identity-pool", "--identity-pool-name", "sts",
                "--no-allow-unauthenticated-identities",
                "--cognito-identity-providers", $"ProviderName={provider},ClientId={clientId}")).Ok().Str("IdentityPoolId");
            (await cli.CognitoIdentityAsync(ct, "set-identity-pool-roles", "--identity-pool-id", idPool,
                "--roles", $"authenticated={RoleArn}")).OkEmpty();
            var idToken = (await cli.SignInAsync(clientId, "alice", ct)).Str("IdToken");
            var logins = JsonSerializer.Serialize(new Dictionary<string, string> { [provider] = idToken });
            var identityId = (await cli.CognitoIdentityAsync(ct, "get-id", "--identity-pool-id", idPool, "--logins", logins)).Ok().Str("IdentityId");

            var answer = (await cli.CognitoIdentityAsync(ct, "get-credentials-for-identity", "--identity-id", identityId, "--logins", logins)).Ok();
            Assert.Equal(identityId, answer.Str("IdentityId"));
            var c = answer.Prop("Credentials");
            var (key, secret, session) = (c.Str("AccessKeyId"), c.Str("SecretKey"), c.Str("SessionToken"));
            Assert.StartsWith("ASIA", key, StringComparison.Ordinal);
            var expiration = DateTimeOffset.FromUnixTimeSeconds((long)c.Prop("Expiration").GetDouble());
            Assert.InRange(expiration - TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));

            // STS assumed the pool's role, under Cognito's session name.
            var caller = (await moto.AwsAsync(key, secret, session, ct, "sts", "get-caller-identity")).Ok();
            Assert.Equal($"arn:aws:sts::{MotoServer.AccountId}:assumed-role/{RoleName}/CognitoIdentityCredentials", caller.Str("Arn"));

            // With moto's IAM checks on, the credentials sign S3 calls within the role's policy, and only those.
            await moto.RequireSignaturesAsync(ct);
            Assert.Equal(JsonValueKind.Array, (await moto.AwsAsync(key, secret, session, ct, "s3api", "list-buckets")).Ok().Prop("Buckets").ValueKind);
            (await moto.AwsAsync(key, secret, session, ct, "s3api", "create-bucket", "--bucket", "not-allowed-bucket",
                "--create-bucket-configuration", $"LocationConstraint={AwsCli.Region}")).AssertErrorStartsWith("AccessDenied", "CreateBucket", "Access Denied");
            (await moto.AwsAsync(key, "wrong" + secret[5..], session, ct, "s3api", "list-buckets"))
                .AssertErrorStartsWith("SignatureDoesNotMatch", "ListBuckets", "The request signature we calculated does not match");

            // STS gone: a Cognito error naming the outside service, at once, not a hang or a 500.
            await moto.DisposeAsync();
            (await cli.CognitoIdentityAsync(ct, "get-credentials-for-identity", "--identity-id", identityId, "--logins", logins))
                .AssertErrorStartsWith("ExternalServiceException", "GetCredentialsForIdentity", "");
        }
        finally
        {
            await moto.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("https://sts.us-east-1.amazonaws.com/", true)]
    [InlineData("sts.us-east-1.amazonaws.com", false)]
    [InlineData("ftp://127.0.0.1/", false)]
    [InlineData("/relative", false)]
    public void Does_accept_only_an_absolute_http_or_https_sts_endpoint(string endpoint, bool accepted)
    {
        var problem = new NinshoServerOptions { StsEndpoint = endpoint }.Problem();
        Assert.Equal(accepted, problem is null);
        if (!accepted)
        {
            Assert.Contains("--sts-endpoint", problem, StringComparison.Ordinal);
        }
    }
}
