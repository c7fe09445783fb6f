using Ninsho.Core.Messages;
using Ninsho.Core.SignIn;
using Ninsho.Core.Triggers;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Users;

/// <summary>ForgotPassword (docs/cognito-behaviour.md#codes-sign-up-and-password-reset, #hiding-whether-a-user-exists): a one-hour code to the user's verified recovery email or phone.</summary>
internal sealed class ForgotPasswordHandler(ClientRequests requests, UserCodes codes, UserMigration migration)
    : IOperationHandler<ForgotPasswordRequest, ForgotPasswordResponse>
{
    public async Task<ForgotPasswordResponse> HandleAsync(ForgotPasswordRequest r, OperationContext context, CancellationToken ct)
    {
        var (pool, client, user) = await requests.ResolveAsync(r.ClientId, r.Username, r.SecretHash, ct);
        var hide = ClientRequests.HidesUsers(client);

        // An unknown user may be migrated by the pool's UserMigration function (docs/triggers.md#usermigration).
        user ??= await migration.OnForgotPasswordAsync(pool, client.ClientId, r.Username, r.ClientMetadata, hide, ct);
        if (user is null)
        {
            return hide ? Simulated(r.Username) : throw CognitoErrors.UsernameClientNotFound();
        }

        if (!user.Enabled)
        {
            return hide ? Simulated(r.Username) : throw CognitoErrors.UserDisabled();
        }

        if (user.Status == UserStatusType.FORCE_CHANGE_PASSWORD)
        {
            throw CognitoErrors.PasswordResetNotAllowed();
        }

        if (CodeDelivery.RecoveryAttribute(pool, user) is not { } attribute)
        {
            return hide ? Simulated(r.Username) : throw CognitoErrors.NoRecoveryDestination();
        }

        var details = await codes.IssueRequestedAsync(pool, user, OneTimeCodes.ForgotPassword, OneTimeCodes.ForgotPasswordValidity, attribute, null,
            MessageOrigin.Of(CustomMessage.ForgotPasswordSource, client.ClientId, r.ClientMetadata), ct);
        return new ForgotPasswordResponse { CodeDeliveryDetails = details };
    }

    private static ForgotPasswordResponse Simulated(string username) => new() { CodeDeliveryDetails = SimulatedDelivery.For(username) };
}
