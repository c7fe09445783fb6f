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
            NewUserAttributes.CopyUsernameAttribute(pool, r.Username, attributes);
            username = sub;
        }
        else
        {
            NewUserAttributes.CheckNotAliasFormat(pool, r.Username);
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
        await NewUserAttributes.CheckUniqueAsync(directory, updater, pool, attributes, r.ForceAliasCreation == true, ct);

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
}
