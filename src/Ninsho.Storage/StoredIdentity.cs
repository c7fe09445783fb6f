namespace Ninsho.Storage;

/// <summary>An identity of an identity pool, with the providers of the logins linked to it.</summary>
public sealed record StoredIdentity
{
    /// <summary><c>region:uuid</c>, unique across the server.</summary>
    public required string IdentityId { get; init; }

    public required string IdentityPoolId { get; init; }

    /// <summary>Provider names of the linked logins (e.g. <c>cognito-idp.us-east-1.amazonaws.com/us-east-1_X</c>),
    /// in link order; empty for an unauthenticated (guest) identity.</summary>
    public required IReadOnlyList<string> Logins { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }

    public bool Equals(StoredIdentity? other) =>
        other is not null && IdentityId == other.IdentityId && IdentityPoolId == other.IdentityPoolId
        && Logins.SequenceEqual(other.Logins, StringComparer.Ordinal) && CreatedAt == other.CreatedAt && ModifiedAt == other.ModifiedAt;

    public override int GetHashCode() => HashCode.Combine(IdentityId, IdentityPoolId);
}
