using Ninsho.Core.Messages;
using Ninsho.Core.Security;
using Ninsho.Core.SignIn;
using Ninsho.Core.Triggers;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Users;

/// <summary>SignUp (docs/cognito-behaviour.md#codes-sign-up-and-password-reset): an UNCONFIRMED user, and a code to an auto-verified email or phone.</summary>
internal sealed class SignUpHandler(
    INinshoStorage storage, ClientRequests requests, UserDirectory directory, UserCodes codes,
    UserPasswords passwords, UserUpdater updater, IdGenerator ids, LambdaTriggers triggers, TimeProvider clock)
    : IOperationHandler<SignUpRequest, SignUpResponse>
{
    public async Task<SignUpResponse> HandleAsync(SignUpRequest r, OperationContext context, CancellationToken ct)
    {
        var (pool, client, _) = await requests.ResolveAsync(r.ClientId, r.Username, r.SecretHash, ct);
        if (pool.Config.AdminCreateUserConfig?.AllowAdminCreateUserOnly == true)
        {
            throw CognitoErrors.SignUpNotPermitted();
        }

        if (r.Password is null)
        {
            throw CognitoErrors.SignUpPasswordMissing();
        }

        PasswordRules.Check(pool, r.Password, signUp: true);
        var sub = ids.Sub();
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["sub"] = sub };
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
        UserAttributeRules.CheckClientWritable(client, given);
        foreach (var a in given)
        {
            attributes[a.Name] = a.Value ?? string.Empty;
        }

        UserAttributeRules.CheckRequired(pool, attributes, AttributeWrite.Create);

        foreach (var name in pool.UsernameAttributes)
        {
            if (attributes.GetValueOrDefault(name) is { Length: > 0 } value && await directory.FindHolderAsync(pool, name, value, null, ct) is not null)
            {
                throw CognitoErrors.UsernameAttributeTaken(name);
            }
        }

        // PreSignUp runs before anything is written: a refused sign-up leaves no user (docs/triggers.md#presignup).
        var presignup = await PreSignUp.RunAsync(triggers, pool, PreSignUp.SignUpSource, username, client.ClientId, attributes, r.ValidationData, r.ClientMetadata, ct);
        var confirmed = presignup?.AutoConfirmUser == true;
        presignup?.ApplyVerified(attributes);

        var now = clock.GetUtcNow();
        var user = new StoredUser
        {
            UserPoolId = pool.Id,
            Username = username,
            UsernameKey = pool.UsernameKey(username),
            Sub = sub,
            Status = confirmed ? UserStatusType.CONFIRMED : UserStatusType.UNCONFIRMED,
            Enabled = true,
            CreatedAt = now,
            ModifiedAt = now,
            Attributes = attributes,
        };
        user = (await passwords.PrepareAsync(pool, username, r.Password, ct)).ApplyTo(user);
        if (await storage.Users.CreateAsync(user, ct) == CreateResult.AlreadyExists)
        {
            throw CognitoErrors.SignUpUserExists();
        }

        if (presignup is not null)
        {
            await NewUserAttributes.TakeVerifiedAliasesAsync(directory, updater, pool, user, presignup.Verified, ct);
        }

        var details = !confirmed && CodeDelivery.SignUpAttribute(pool, user) is { } attribute
            ? await codes.IssueAsync(pool, user, OneTimeCodes.SignUp, OneTimeCodes.SignUpValidity, attribute,
                MessageOrigin.Of(CustomMessage.SignUpSource, client.ClientId, r.ClientMetadata), ct)
            : null;
        if (confirmed)
        {
            // PreSignUp confirmed the user: SignUp is its confirmation (docs/triggers.md#postconfirmation).
            await PostConfirmation.RunAsync(triggers, pool, PostConfirmation.ConfirmSignUpSource, user, client.ClientId, r.ClientMetadata, ct);
        }

        return new SignUpResponse { UserConfirmed = confirmed, UserSub = sub, CodeDeliveryDetails = details };
    }
}
