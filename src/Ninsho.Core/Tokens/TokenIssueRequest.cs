using Ninsho.Storage;

namespace Ninsho.Core.Tokens;

/// <summary>Everything <see cref="TokenIssuer"/> needs for one access + ID token pair.</summary>
internal sealed record TokenIssueRequest
{
    public const string NativeApiScope = "aws.cognito.signin.user.admin";

    /// <summary>The pool's issuer URL, e.g. <c>https://cognito-idp.ap-northeast-1.amazonaws.com/ap-northeast-1_abc</c>.</summary>
    public required string Issuer { get; init; }

    /// <summary>The pool's signing keys; the newest key of each use signs.</summary>
    public required IReadOnlyList<StoredSigningKey> SigningKeys { get; init; }

    public required string ClientId { get; init; }
    public required string Sub { get; init; }

    /// <summary>The internal username (the sub in email-as-username pools).</summary>
    public required string Username { get; init; }

    /// <summary>The attributes this app client may read, as stored (strings). <c>sub</c> is ignored here.</summary>
    public required IReadOnlyDictionary<string, string> Attributes { get; init; }

    /// <summary>The user's group names; <c>cognito:groups</c> is written only when there is at least one.</summary>
    public IReadOnlyList<string>? Groups { get; init; }

    /// <summary>The role ARNs of the user's groups; the ID token's <c>cognito:roles</c>, written only when there is at least one.</summary>
    public IReadOnlyList<string>? Roles { get; init; }

    /// <summary>The ID token's <c>cognito:preferred_role</c>, when the groups decide one.</summary>
    public string? PreferredRole { get; init; }

    /// <summary>When the user originally signed in; kept across refreshes.</summary>
    public required DateTimeOffset AuthTime { get; init; }

    /// <summary>The jti of the original authentication; kept across refreshes.</summary>
    public required string OriginJti { get; init; }

    /// <summary>One UUID per authentication event.</summary>
    public required string EventId { get; init; }

    public required TimeSpan AccessTokenLifetime { get; init; }
    public required TimeSpan IdTokenLifetime { get; init; }

    /// <summary>The access token's <c>scope</c>: the native API's fixed scope, or the granted OAuth scopes
    /// joined by spaces.</summary>
    public string Scope { get; init; } = NativeApiScope;

    /// <summary>The access token's <c>version</c> claim: 2 on hosted-UI / OAuth tokens, absent (null) otherwise.</summary>
    public int? Version { get; init; }

    /// <summary>The access token's <c>device_key</c>, for a remembered device.</summary>
    public string? DeviceKey { get; init; }

    /// <summary>The ID token's <c>nonce</c> (OAuth authorize requests only).</summary>
    public string? Nonce { get; init; }

    /// <summary>Pre token generation's changes to the ID token's claims, or null.</summary>
    public ClaimOverrides? IdTokenOverrides { get; init; }

    /// <summary>Pre token generation's changes to the access token's claims, or null.</summary>
    public ClaimOverrides? AccessTokenOverrides { get; init; }

    /// <summary>Adds the ID token's <c>at_hash</c> (OAuth flows only).</summary>
    public bool IncludeAtHash { get; init; }
}
