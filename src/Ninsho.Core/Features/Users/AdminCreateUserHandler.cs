using Ninsho.Core.Messages;
using Ninsho.Core.Pools;
using Ninsho.Core.Security;
using Ninsho.Core.Triggers;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Users;

/// <summary>AdminCreateUser (docs/cognito-behaviour.md#admincreateuser-and-temporary-passwords): a FORCE_CHANGE_PASSWORD user with a temporary password,
/// or with MessageAction RESEND a new temporary password for an existing one.</summary>
internal sealed class AdminCreateUserHandler(
    INinshoStorage storage, UserPoolService pools, UserDirectory directory, UserUpdater updater,
    UserPasswords passwords, IdGenerator ids, CodeDelivery delivery, LambdaTriggers triggers, TimeProvider clock)
    : IOperationHandler<AdminCreateUserRequest, AdminCreateUserResponse>
{
    public async Task<AdminCreateUserResponse> HandleAsync(AdminCreateUserRequest r, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(r.UserPoolId, ct);
        var password = r.TemporaryPassword;
        if (password is not null)
        {
            PasswordRules.Check(pool, password);
        }

        // A generated password that is never delivered (SUPPRESS) can't be used by anyone: store no hash rather
        // than pay a slow hash for it. The user signs in once an administrator sets a password.
        var undisclosed = password is null && r.MessageAction == MessageActionType.SUPPRESS;
        password ??= TemporaryPasswordGenerator.Generate(PasswordRules.For(pool));
        var now = clock.GetUtcNow();

        if (r.MessageAction == MessageActionType.RESEND)
        {
            var existing = await directory.GetAsync(pool, r.Username, ct);
            if (existing.Status != UserStatusType.FORCE_CHANGE_PASSWORD)
            {
                throw CognitoErrors.ResendNotPossible(existing.Username);
            }

            var resentPassword = await passwords.PrepareAsync(pool, existing.Username, password, ct);
            var resent = await updater.UpdateAsync(existing, resentPassword.ApplyTo, ct);
            await delivery.SendInvitationAsync(pool, resent, password, r.DesiredDeliveryMediums, Invitation(r), ct);
            return new AdminCreateUserResponse { User = UserViews.ToUserType(resent) };
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var sub = ids.Sub();
        attributes["sub"] = sub;
        var username = r.Username;
        if (pool.UsernameAttributes.Count > 0)
        {
            CopyUsernameAttribute(pool, r.Username, attributes);
            username = sub;
        }
        else
        {
            CheckNotAliasFormat(pool, r.Username);
        }

        var given = UserAttributeRules.CheckWritable(pool, r.UserAttributes ?? [], AttributeWrite.Create);
        foreach (var a in given)
        {
            attributes[a.Name] = a.Value ?? string.Empty;
        }

        CheckVerifiedFlags(attributes);

        // PreSignUp runs before anything is written, including the alias moves below; Cognito ignores its answer
        // for admin-created users (docs/triggers.md#presignup).
        _ = await PreSignUp.RunAsync(triggers, pool, PreSignUp.AdminCreateUserSource, username, null, attributes, r.ValidationData, r.ClientMetadata, ct);
        await CheckUniqueAsync(directory, updater, pool, attributes, r.ForceAliasCreation == true, ct);

        var user = new StoredUser
        {
            UserPoolId = pool.Id,
            Username = username,
            UsernameKey = pool.UsernameKey(username),
            Sub = sub,
            Status = UserStatusType.FORCE_CHANGE_PASSWORD,
            Enabled = true,
            CreatedAt = now,
            ModifiedAt = now,
            Attributes = attributes,
            PasswordSetAt = now,
        };
        if (!undisclosed)
        {
            user = (await passwords.PrepareAsync(pool, username, password, ct)).ApplyTo(user);
        }

        if (await storage.Users.CreateAsync(user, ct) == CreateResult.AlreadyExists)
        {
            throw CognitoErrors.UsernameExists();
        }

        if (r.MessageAction != MessageActionType.SUPPRESS)
        {
            await delivery.SendInvitationAsync(pool, user, password, r.DesiredDeliveryMediums, Invitation(r), ct);
        }

        return new AdminCreateUserResponse { User = UserViews.ToUserType(user) };
    }

    private static MessageOrigin Invitation(AdminCreateUserRequest r) => MessageOrigin.Of(CustomMessage.AdminCreateUserSource, null, r.ClientMetadata);

    /// <summary>In email/phone-as-username pools the given Username is the email or phone (docs/cognito-behaviour.md#email-or-phone-as-username-and-aliases).</summary>
    internal static void CopyUsernameAttribute(UserPoolSettings pool, string given, Dictionary<string, string> attributes)
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
    internal static void CheckNotAliasFormat(UserPoolSettings pool, string username)
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

    private static void CheckVerifiedFlags(Dictionary<string, string> attributes)
    {
        if (attributes.GetValueOrDefault("email_verified") == "true" && !attributes.ContainsKey("email"))
        {
            throw CognitoErrors.EmailVerifiedWithoutEmail();
        }

        if (attributes.GetValueOrDefault("phone_number_verified") == "true" && !attributes.ContainsKey("phone_number"))
        {
            throw CognitoErrors.PhoneVerifiedWithoutPhone();
        }
    }

    /// <summary>A username attribute, or a verified alias, may belong to one user only (also for migrated users).</summary>
    internal static async Task CheckUniqueAsync(UserDirectory directory, UserUpdater updater, UserPoolSettings pool, Dictionary<string, string> attributes, bool forceAlias, CancellationToken ct)
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

    private static Dictionary<string, string> WithVerified(IReadOnlyDictionary<string, string> attributes, string flag, string value) =>
        new(attributes, StringComparer.Ordinal) { [flag] = value };
}
