namespace Ninsho.Storage;

/// <summary>An app client as stored; its configuration is an opaque JSON document owned by Ninsho.Core.</summary>
public sealed record StoredUserPoolClient
{
    public required string ClientId { get; init; }
    public required string UserPoolId { get; init; }
    public required string Name { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }

    /// <summary>The client configuration (a serialized <c>UserPoolClientType</c>).</summary>
    public required string ConfigJson { get; init; }

    public long Version { get; init; }
}
