namespace Ninsho.Storage;

/// <summary>A user pool domain: a prefix domain, or a custom domain when <see cref="CertificateArn"/> is set.
/// A domain belongs to one pool across the whole server; a pool has at most one of each kind.</summary>
public sealed record StoredUserPoolDomain
{
    public required string Domain { get; init; }
    public required string UserPoolId { get; init; }

    /// <summary>The ACM certificate of a custom domain; null for a prefix domain.</summary>
    public string? CertificateArn { get; init; }

    /// <summary>1 (classic hosted UI) or 2 (managed login); null when none was asked for.</summary>
    public int? ManagedLoginVersion { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsCustom => CertificateArn is not null;
}
