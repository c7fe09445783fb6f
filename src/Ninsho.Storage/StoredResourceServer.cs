namespace Ninsho.Storage;

/// <summary>A resource server of a user pool: an identifier (unique per pool) and the scopes clients can be
/// granted as <c>{identifier}/{scope}</c>.</summary>
public sealed record StoredResourceServer
{
    public required string UserPoolId { get; init; }
    public required string Identifier { get; init; }
    public required string Name { get; init; }

    /// <summary>The scopes (a serialized list of <c>ResourceServerScopeType</c>, owned by Ninsho.Core).</summary>
    public required string ScopesJson { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }
}
