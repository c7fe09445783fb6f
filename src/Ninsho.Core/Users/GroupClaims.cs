namespace Ninsho.Core.Users;

/// <summary>What a user's groups put in tokens: <c>cognito:groups</c>, <c>cognito:roles</c>, <c>cognito:preferred_role</c>.</summary>
internal sealed record GroupClaims(IReadOnlyList<string> Groups, IReadOnlyList<string> Roles, string? PreferredRole)
{
    public static readonly GroupClaims None = new([], [], null);
}
