namespace Ninsho.Server.Tests;

/// <summary>One server shared by the directory tests (groups, paging, tags); each test makes its own pool.</summary>
[CollectionDefinition(Name)]
public sealed class DirectoryServer : ICollectionFixture<NinshoServerFixture>
{
    public const string Name = "Directory: groups, paging, tags (one shared server)";
}
