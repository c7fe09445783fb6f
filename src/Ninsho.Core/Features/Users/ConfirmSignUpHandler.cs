using Ninsho.Core.Messages;
using Ninsho.Core.SignIn;
using Ninsho.Core.Triggers;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Users;

/// <summary>ConfirmSignUp: the sign-up code makes the user CONFIRMED and the attribute it went to verified; an alias
/// another user holds is refused (AliasExistsException) unless ForceAliasCreation moves it.</summary>
internal sealed class ConfirmSignUpHandler(ClientRequests requests, UserCodes codes, AliasClaims aliases, LambdaTriggers triggers)
    : IOperationHandler<ConfirmSignUpRequest, ConfirmSignUpResponse>
{
    public async Task<ConfirmSignUpResponse> HandleAsync(ConfirmSignUpRequest r, OperationContext context, CancellationToken ct)
    {
        var (pool, client, user) = await requests.ResolveAsync(r.ClientId, r.Username, r.SecretHash, ct);
        if (user is null)
        {
            throw ClientRequests.HidesUsers(client) ? CognitoErrors.CodeMismatch() : CognitoErrors.UsernameClientNotFound();
        }

        if (user.Status != UserStatusType.UNCONFIRMED)
        {
            throw CognitoErrors.UserCannotBeConfirmed(user.Status);
        }

        var verified = CodeDelivery.SignUpAttribute(pool, user);
        var force = r.ForceAliasCreation == true;
        if (verified is not null && !force)
        {
            await aliases.ThrowIfTakenAsync(pool, user, verified, user.Attributes[verified], ct);
        }

        var confirmed = await codes.ConsumeAsync(user, OneTimeCodes.SignUp, r.ConfirmationCode, u => u with
        {
            Status = UserStatusType.CONFIRMED,
            Attributes = verified is null ? u.Attributes : new Dictionary<string, string>(u.Attributes, StringComparer.Ordinal) { [verified + "_verified"] = "true" },
        }, ct);
        if (verified is not null && force)
        {
            await aliases.TakeAsync(pool, user, verified, user.Attributes[verified], ct);
        }

        // After the write: a failing function leaves the user confirmed (docs/triggers.md#postconfirmation).
        await PostConfirmation.RunAsync(triggers, pool, PostConfirmation.ConfirmSignUpSource, confirmed, client.ClientId, r.ClientMetadata, ct);
        return new ConfirmSignUpResponse();
    }
}
