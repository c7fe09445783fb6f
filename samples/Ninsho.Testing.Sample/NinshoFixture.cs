using Ninsho.Testing;

namespace Ninsho.Testing.Sample;

/// <summary>One Ninsho server for the test class (xUnit's class fixture): started with a seed object, so the pool id and
/// client id below exist from the start, as your app's configuration names them.</summary>
public sealed class NinshoFixture : IAsyncLifetime
{
    public const string Region = "eu-west-1";
    public const string PoolId = "eu-west-1_Sample001";
    public const string ClientId = "sampleclient00000000000001";
    public const string Alice = "alice@example.com";
    public const string AlicePassword = "Passw0rd!";

    public NinshoTestServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await NinshoTestServer.StartAsync(new NinshoTestServerOptions
    {
        Region = Region,
        // The seed file's shape (docs/test-control.md), as an object: members are the Cognito API's own.
        Seed = new
        {
            UserPools = new[]
            {
                new
                {
                    Id = PoolId,
                    PoolName = "sample",
                    UsernameAttributes = new[] { "email" },
                    AutoVerifiedAttributes = new[] { "email" },
                    Clients = new[]
                    {
                        new
                        {
                            ClientId,
                            ClientName = "api",
                            ExplicitAuthFlows = new[] { "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
                        },
                    },
                    Users = new[]
                    {
                        new
                        {
                            Username = Alice,
                            Attributes = new Dictionary<string, string> { ["email"] = Alice, ["email_verified"] = "true" },
                            Password = AlicePassword,
                        },
                    },
                },
            },
        },
    });

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
