using Ninsho.Core.Pools;
using Ninsho.Protocol.Errors;
using Ninsho.Storage;

namespace Ninsho.Core.Users;

/// <summary>Finds the user a caller names: by username, by email or phone in pools where those are the
/// username (docs/cognito-behaviour.md#email-or-phone-as-username-and-aliases), or by a verified alias (email, phone) or preferred_username.</summary>
internal sealed class UserDirectory(INinshoStorage storage, UserPoolService pools)
{
    /// <summary>The pool and the user <paramref name="name"/> names in it, as an admin operation needs them: one
    /// storage round trip when the name is a username (see <see cref="UserPoolService.FindWithUserAsync"/>).
    /// ResourceNotFoundException when the pool does not exist, then UserNotFoundException when nobody is named.</summary>
    public async Task<(UserPoolSettings Pool, StoredUser User)> GetWithPoolAsync(string userPoolId, string name, CancellationToken ct)
    {
        var found = await pools.FindWithUserAsync(userPoolId, name, originJti: null, clientId: null, ct)
            ?? throw CognitoErrors.UserPoolNotFound(userPoolId);
        var user = found.User ?? await FindByAliasAsync(found.Pool, name, ct) ?? throw CognitoErrors.UserNotFound();
        return (found.Pool, user);
    }

    public async Task<StoredUser> GetAsync(UserPoolSettings pool, string name, CancellationToken ct) =>
        await FindAsync(pool, name, ct) ?? throw CognitoErrors.UserNotFound();

    public async Task<StoredUser?> FindAsync(UserPoolSettings pool, string name, CancellationToken ct)
    {
        return await storage.Users.FindAsync(pool.Id, pool.UsernameKey(name), ct) ?? await FindByAliasAsync(pool, name, ct);
    }

    /// <summary>The user <paramref name="name"/> names other than by username key: an email or phone username
    /// attribute, or a verified alias; null when the pool allows none of these or nobody matches.</summary>
    public async Task<StoredUser?> FindByAliasAsync(UserPoolSettings pool, string name, CancellationToken ct)
    {
        if (pool.UsernameAttributes.Contains(SearchableAttributes.Email) && UserAttributeRules.LooksLikeEmail(name))
        {
            return await FindOneAsync(pool, SearchableAttributes.Email, name.ToLowerInvariant(), verifiedFlag: null, ct);
        }

        if (pool.UsernameAttributes.Contains(SearchableAttributes.PhoneNumber) && UserAttributeRules.LooksLikePhone(name))
        {
            return await FindOneAsync(pool, SearchableAttributes.PhoneNumber, name, verifiedFlag: null, ct);
        }

        if (pool.AliasAttributes.Contains(SearchableAttributes.Email) && UserAttributeRules.LooksLikeEmail(name))
        {
            return await FindOneAsync(pool, SearchableAttributes.Email, name.ToLowerInvariant(), "email_verified", ct);
        }

        if (pool.AliasAttributes.Contains(SearchableAttributes.PhoneNumber) && UserAttributeRules.LooksLikePhone(name))
        {
            return await FindOneAsync(pool, SearchableAttributes.PhoneNumber, name, "phone_number_verified", ct);
        }

        if (pool.AliasAttributes.Contains(SearchableAttributes.PreferredUsername))
        {
            return await FindOneAsync(pool, SearchableAttributes.PreferredUsername, name.ToLowerInvariant(), verifiedFlag: null, ct);
        }

        return null;
    }

    /// <summary>The user (other than <paramref name="exceptUsernameKey"/>) who holds <paramref name="attribute"/>
    /// = <paramref name="value"/> as a username attribute or verified alias, if any.</summary>
    public async Task<StoredUser?> FindHolderAsync(UserPoolSettings pool, string attribute, string value, string? exceptUsernameKey, CancellationToken ct)
    {
        var indexed = attribute is SearchableAttributes.Email or SearchableAttributes.PreferredUsername ? value.ToLowerInvariant() : value;
        var flag = pool.UsernameAttributes.Contains(attribute) || attribute == SearchableAttributes.PreferredUsername ? null : attribute + "_verified";
        var users = await storage.Users.FindByAttributeAsync(pool.Id, attribute, indexed, 10, ct);
        return users.FirstOrDefault(u => u.UsernameKey != exceptUsernameKey && (flag is null || u.Attributes.GetValueOrDefault(flag) == "true"));
    }

    private async Task<StoredUser?> FindOneAsync(UserPoolSettings pool, string attribute, string value, string? verifiedFlag, CancellationToken ct)
    {
        var users = await storage.Users.FindByAttributeAsync(pool.Id, attribute, value, 10, ct);
        return users.FirstOrDefault(u => verifiedFlag is null || u.Attributes.GetValueOrDefault(verifiedFlag) == "true");
    }
}
