namespace Ninsho.Server.Tests;

[CollectionDefinition(Name)]
public sealed class MfaServer : ICollectionFixture<NinshoServerFixture>
{
    public const string Name = "MFA and choice-based sign-in (one shared server)";
}
