namespace Ninsho.Server.Tests;

/// <summary>Amplify JS v6 itself against Ninsho: a signed-in user's <c>fetchAuthSession()</c> gets identity-pool
/// credentials, Amplify naming the user pool in <c>Logins</c> by the ID token's <c>iss</c> without its scheme
/// (<c>127.0.0.1:port/&lt;pool&gt;</c>); and on a client with refresh token rotation, Amplify's forced refresh
/// (GetTokensFromRefreshToken) stores the new refresh token and still gets credentials.</summary>
[Collection(DirectoryServer.Name)]
public sealed class AmplifyIdentityTests(NinshoServerFixture fixture)
{
    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_give_a_signed_in_amplify_user_identity_pool_credentials_and_rotate_its_refresh_token()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("amplify-journey", ct);
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct, "--refresh-token-rotation", "Feature=ENABLED,RetryGracePeriodSeconds=0");
        _ = await Cli.CreateConfirmedUserAsync(poolId, "amy", ct);
        // Configured with Cognito's name; Amplify sends the issuer's. Both must name the same provider.
        var idPool = (await Cli.CognitoIdentityAsync(ct, "create-identity-pool", "--identity-pool-name", "amplify",
            "--no-allow-unauthenticated-identities",
            "--cognito-identity-providers", $"ProviderName=cognito-idp.{AwsCli.Region}.amazonaws.com/{poolId},ClientId={clientId},ServerSideTokenCheck=true"))
            .Ok().Str("IdentityPoolId");
        (await Cli.CognitoIdentityAsync(ct, "set-identity-pool-roles", "--identity-pool-id", idPool,
            "--roles", "authenticated=arn:aws:iam::123456789012:role/auth")).OkEmpty();

        var report = await NodeAmplify.RunAsync(fixture.BaseUrl, poolId, clientId, idPool, "amy", CliSteps.Password, ct);

        Assert.True(report.GetProperty("signedIn").GetBoolean());
        Assert.Equal($"{new Uri(fixture.BaseUrl).Authority}/{poolId}", report.Str("loginsKey"));
        var identityId = report.Str("identityId");
        Assert.StartsWith($"{AwsCli.Region}:", identityId, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(report.Str("accessKeyId")));
        Assert.True(report.GetProperty("hasSecretKey").GetBoolean());
        Assert.True(report.GetProperty("hasSessionToken").GetBoolean());

        // After the forced refresh: new tokens, a new (rotated) refresh token, and the same identity's credentials.
        Assert.True(report.GetProperty("idTokenChanged").GetBoolean(), "the forced refresh kept the old ID token");
        Assert.True(report.GetProperty("refreshTokenChanged").GetBoolean(), "Amplify did not store a rotated refresh token");
        Assert.Equal(identityId, report.Str("refreshedIdentityId"));
        Assert.False(string.IsNullOrEmpty(report.Str("refreshedAccessKeyId")));

        // The identity is stored under Cognito's name of the pool.
        var described = (await Cli.CognitoIdentityAsync(ct, "describe-identity", "--identity-id", identityId)).Ok();
        Assert.Equal([$"cognito-idp.{AwsCli.Region}.amazonaws.com/{poolId}"], described.Items("Logins").Select(l => l.GetString()));
    }
}
