namespace Ninsho.Testing;

/// <summary>How <see cref="NinshoTestServer.StartAsync"/> starts the server. Every member is optional.</summary>
public sealed record NinshoTestServerOptions
{
    /// <summary>The region of new user pool ids (the server's <c>--region</c>) and of seeded pool ids, which must start
    /// with <c>&lt;region&gt;_</c>. Default <c>us-east-1</c>.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>A seed as an object (anonymous, a dictionary, your own types), written as JSON with the members' own
    /// names and applied at start and after each full reset, as <c>--seed</c> applies a file. Its shape is the seed
    /// file's: <c>UserPools</c> (with <c>Id</c>, <c>Clients</c>, <c>Users</c>, …) and <c>IdentityPools</c>
    /// (docs/test-control.md#the-seed-file). Not with <see cref="SeedFile"/>.</summary>
    public object? Seed { get; init; }

    /// <summary>A YAML or JSON seed file, as <c>ninsho serve --seed FILE</c> takes. Not with <see cref="Seed"/>.</summary>
    public string? SeedFile { get; init; }
}
