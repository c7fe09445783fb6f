namespace Ninsho.Storage;

/// <summary>A user of a pool as stored.</summary>
public sealed record StoredUser
{
    public required string UserPoolId { get; init; }

    /// <summary>The username as created (case preserved).</summary>
    public required string Username { get; init; }

    /// <summary>The lookup key: the username, lower-cased when the pool is case-insensitive. Unique per pool.</summary>
    public required string UsernameKey { get; init; }

    public required string Sub { get; init; }

    /// <summary>Cognito's UserStatusType value, e.g. <c>CONFIRMED</c>.</summary>
    public required string Status { get; init; }

    public required bool Enabled { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }

    /// <summary>User attributes by name (<c>sub</c> included), values as Cognito keeps them: strings.</summary>
    public required IReadOnlyDictionary<string, string> Attributes { get; init; }

    /// <summary>The self-describing password hash (algorithm, cost, salt, hash), or null when no password is set.</summary>
    public string? PasswordHash { get; init; }

    /// <summary>When the current password was set; temporary passwords expire from this instant.</summary>
    public DateTimeOffset? PasswordSetAt { get; init; }

    /// <summary>Tokens issued before this instant are no longer accepted (global sign-out, disable).</summary>
    public DateTimeOffset? TokensValidAfter { get; init; }

    /// <summary>Consecutive failed sign-ins (lockout).</summary>
    public int FailedSignIns { get; init; }

    public DateTimeOffset? LastFailedSignInAt { get; init; }

    /// <summary>Feature state that does not need its own column (MFA settings, SRP verifier, pending codes),
    /// as an opaque JSON object owned by Ninsho.Core; null when there is none.</summary>
    public string? ExtraJson { get; init; }

    public long Version { get; init; }
}
