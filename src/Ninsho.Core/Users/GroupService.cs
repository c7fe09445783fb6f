using Ninsho.Core.Pools;
using Ninsho.Protocol.Errors;
using Ninsho.Storage;

namespace Ninsho.Core.Users;

/// <summary>Group lookups shared by the group operations and sign-in.</summary>
internal sealed class GroupService(INinshoStorage storage)
{
    /// <summary>Cognito's limit on the groups a user can belong to is 100; tokens list every one.</summary>
    private const int MaxGroupsPerToken = 10_000;

    /// <summary>The group, or ResourceNotFoundException "Group not found.".</summary>
    public async Task<StoredGroup> GetAsync(UserPoolSettings pool, string groupName, CancellationToken ct) =>
        await storage.Groups.FindAsync(pool.Id, groupName, ct) ?? throw CognitoErrors.GroupNotFound();

    /// <summary>The token claims for the user's current groups.</summary>
    public async Task<GroupClaims> ClaimsForAsync(string userPoolId, string usernameKey, CancellationToken ct)
    {
        var page = await storage.Groups.ListForUserAsync(userPoolId, usernameKey, MaxGroupsPerToken, null, ct);
        return Claims(page.Items);
    }

    /// <summary>
    /// Groups ordered by precedence (lowest first, null last), then name. <c>cognito:roles</c>: the distinct role ARNs
    /// in that order. <c>cognito:preferred_role</c>: the role of the best-precedence groups that have a role, unless
    /// those tied groups name different roles (the model's Precedence documentation).
    /// </summary>
    public static GroupClaims Claims(IReadOnlyList<StoredGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count == 0)
        {
            return GroupClaims.None;
        }

        var ordered = groups
            .OrderBy(g => g.Precedence is null ? 1 : 0)
            .ThenBy(g => g.Precedence)
            .ThenBy(g => g.GroupName, StringComparer.Ordinal)
            .ToList();
        var roles = ordered.Where(g => g.RoleArn is not null).Select(g => g.RoleArn!).Distinct(StringComparer.Ordinal).ToList();
        var withRole = ordered.Where(g => g.RoleArn is not null).ToList();
        string? preferred = null;
        if (withRole.Count > 0)
        {
            var best = withRole[0].Precedence;
            var tiedRoles = withRole.TakeWhile(g => g.Precedence == best).Select(g => g.RoleArn!).Distinct(StringComparer.Ordinal).ToList();
            preferred = tiedRoles.Count == 1 ? tiedRoles[0] : null;
        }

        return new GroupClaims([.. ordered.Select(g => g.GroupName)], roles, preferred);
    }
}
