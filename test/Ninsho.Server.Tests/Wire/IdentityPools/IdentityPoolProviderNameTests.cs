using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>Amplify v6 keys <c>Logins</c> by the ID token's <c>iss</c> without its scheme
/// (<c>127.0.0.1:port/&lt;pool&gt;</c>); that name and Cognito's <c>cognito-idp.&lt;region&gt;.amazonaws.com/&lt;pool&gt;</c>
/// are the same provider for GetId, GetCredentialsForIdentity and GetOpenIdToken, whichever the identity pool was
/// configured with, and the same user gets the same identity under either.</summary>
[Collection(DirectoryServer.Name)]
public sealed class IdentityPoolProviderNameTests(NinshoServerFixture fixture)
{
    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_take_the_issuer_without_its_scheme_as_the_user_pools_provider_name()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("amplify-source", ct);
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "amy", ct);
        var idToken = (await Cli.SignInAsync(clientId, "amy", ct)).Str("IdToken");
        var iss = Jwt.Payload(idToken).Str("iss");
        var amplify = iss[(iss.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var cognito = $"cognito-idp.{AwsCli.Region}.amazonaws.com/{poolId}";
        Assert.Equal($"{new Uri(fixture.BaseUrl).Authority}/{poolId}", amplify);

        foreach (var (configured, other) in new[] { (cognito, amplify), (amplify, cognito) })
        {
            var idPool = (await Cli.CognitoIdentityAsync(ct, "create-identity-pool", "--identity-pool-name", "amplify",
                "--no-allow-unauthenticated-identities",
                "--cognito-identity-providers", $"ProviderName={configured},ClientId={clientId},ServerSideTokenCheck=true")).Ok().Str("IdentityPoolId");
            (await Cli.CognitoIdentityAsync(ct, "set-identity-pool-roles", "--identity-pool-id", idPool,
                "--roles", "authenticated=arn:aws:iam::123456789012:role/auth")).OkEmpty();

            var identityId = (await Cli.CognitoIdentityAsync(ct, "get-id", "--identity-pool-id", idPool, "--logins", Logins(amplify, idToken)))
                .Ok().Str("IdentityId");
            Assert.Equal(identityId, (await Cli.CognitoIdentityAsync(ct, "get-id", "--identity-pool-id", idPool, "--logins", Logins(cognito, idToken)))
                .Ok().Str("IdentityId"));
            _ = (await Cli.CognitoIdentityAsync(ct, "get-credentials-for-identity", "--identity-id", identityId, "--logins", Logins(other, idToken)))
                .Ok().Prop("Credentials").Str("AccessKeyId");
            Assert.Equal(identityId, (await Cli.CognitoIdentityAsync(ct, "get-open-id-token", "--identity-id", identityId, "--logins", Logins(amplify, idToken)))
                .Ok().Str("IdentityId"));

            // Stored once, under Cognito's name.
            var described = (await Cli.CognitoIdentityAsync(ct, "describe-identity", "--identity-id", identityId)).Ok();
            Assert.Equal([cognito], described.Items("Logins").Select(l => l.GetString()));
        }

        // Another host is not this server's issuer: not a provider of the pool.
        var strict = (await Cli.CognitoIdentityAsync(ct, "create-identity-pool", "--identity-pool-name", "strict",
            "--no-allow-unauthenticated-identities",
            "--cognito-identity-providers", $"ProviderName={cognito},ClientId={clientId}")).Ok().Str("IdentityPoolId");
        (await Cli.CognitoIdentityAsync(ct, "get-id", "--identity-pool-id", strict, "--logins", Logins($"elsewhere.example:9229/{poolId}", idToken)))
            .AssertError("NotAuthorizedException", "GetId", "Token is not from a supported provider of this identity pool.");
    }

    private static string Logins(string provider, string token) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { [provider] = token });
}
