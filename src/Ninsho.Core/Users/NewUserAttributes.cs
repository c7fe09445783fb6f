using Ninsho.Core.Pools;
using Ninsho.Protocol.Errors;
using Ninsho.Storage;

namespace Ninsho.Core.Users;

/// <summary>The attribute rules of a user about to be created, shared by every way a user comes to be: AdminCreateUser,
/// SignUp, user import and the UserMigration trigger.</summary>
internal static class NewUserAttributes
{
    /// <summary>In email/phone-as-username pools the given Username is the email or phone (docs/cognito-behaviour.md#email-or-phone-as-username-and-aliases).</summary>
    public static void CopyUsernameAttribute(UserPoolSettings pool, string given, Dictionary<string, string> attributes)
    {
        var email = pool.UsernameAttributes.Contains("email");
        var phone = pool.UsernameAttributes.Contains("phone_number");
        if (email && UserAttributeRules.LooksLikeEmail(given))
        {
            attributes["email"] = given;
        }
        else if (phone && UserAttributeRules.LooksLikePhone(given))
        {
            attributes["phone_number"] = given;
        }
        else
        {
            throw email && phone ? CognitoErrors.UsernameNotEmailOrPhone() : email ? CognitoErrors.UsernameNotEmail() : CognitoErrors.UsernameNotPhone();
        }
    }

    /// <summary>With an email or phone alias, a username may not look like one (docs/cognito-behaviour.md#email-or-phone-as-username-and-aliases).</summary>
    public static void CheckNotAliasFormat(UserPoolSettings pool, string username)
    {
        if (pool.AliasAttributes.Contains("email") && UserAttributeRules.LooksLikeEmail(username))
        {
            throw CognitoErrors.UsernameIsEmailFormat();
        }

        if (pool.AliasAttributes.Contains("phone_number") && UserAttributeRules.LooksLikePhone(username))
        {
            throw CognitoErrors.UsernameIsPhoneFormat();
        }
    }

    /// <summary>A username attribute, or a verified alias, may belong to one user only (also for migrated users).</summary>
    public static async Task CheckUniqueAsync(UserDirectory directory, UserUpdater updater, UserPoolSettings pool, Dictionary<string, string> attributes, bool forceAlias, CancellationToken ct)
    {
        foreach (var name in new[] { "email", "phone_number" })
        {
            if (!attributes.TryGetValue(name, out var value) || value.Length == 0)
            {
                continue;
            }

            if (pool.UsernameAttributes.Contains(name))
            {
                if (await directory.FindHolderAsync(pool, name, value, null, ct) is not null)
                {
                    throw CognitoErrors.UsernameAttributeTaken(name);
                }
            }
            else if (pool.AliasAttributes.Contains(name) && attributes.GetValueOrDefault(name + "_verified") == "true"
                && await directory.FindHolderAsync(pool, name, value, null, ct) is { } holder)
            {
                if (!forceAlias)
                {
                    throw CognitoErrors.AliasHeldByAnother(name);
                }

                await updater.UpdateAsync(holder, u => u with { Attributes = WithVerified(u.Attributes, name + "_verified", "false") }, ct);
            }
        }
    }

    /// <summary>A new user's email or phone that the pre sign-up function verified takes the sign-in alias from the
    /// user who held it: that user keeps the value, unverified (docs/triggers.md#presignup).</summary>
    public static async Task TakeVerifiedAliasesAsync(
        UserDirectory directory, UserUpdater updater, UserPoolSettings pool, StoredUser user, IEnumerable<string> verified, CancellationToken ct)
    {
        foreach (var name in verified)
        {
            if (pool.AliasAttributes.Contains(name) && user.Attributes.GetValueOrDefault(name) is { Length: > 0 } value
                && await directory.FindHolderAsync(pool, name, value, user.UsernameKey, ct) is { } holder)
            {
                await updater.UpdateAsync(holder, u => u with { Attributes = WithVerified(u.Attributes, name + "_verified", "false") }, ct);
            }
        }
    }

    private static Dictionary<string, string> WithVerified(IReadOnlyDictionary<string, string> attributes, string flag, string value) =>
        new(attributes, StringComparer.Ordinal) { [flag] = value };
}
