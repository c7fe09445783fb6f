using Ninsho.Core.Messages;
using Ninsho.Core.SignIn;
using Ninsho.Core.Triggers;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Users;

/// <summary>ConfirmForgotPassword: the code sets a new password; a RESET_REQUIRED user becomes CONFIRMED.</summary>
internal sealed class ConfirmForgotPasswordHandler(ClientRequests requests, UserCodes codes, UserPasswords passwords, LambdaTriggers triggers)
    : IOperationHandler<ConfirmForgotPasswordRequest, ConfirmForgotPasswordResponse>
{
    public async Task<ConfirmForgotPasswordResponse> HandleAsync(ConfirmForgotPasswordRequest r, OperationContext context, CancellationToken ct)
    {
        var (pool, client, user) = await requests.ResolveAsync(r.ClientId, r.Username, r.SecretHash, ct);
        if (user is null || (!user.Enabled && ClientRequests.HidesUsers(client)))
        {
            throw ClientRequests.HidesUsers(client) ? CognitoErrors.CodeMismatch() : CognitoErrors.UsernameClientNotFound();
        }

        PasswordRules.Check(pool, r.Password);
        var password = await passwords.PrepareAsync(pool, user.Username, r.Password, ct);
        var reset = await codes.ConsumeAsync(user, OneTimeCodes.ForgotPassword, r.ConfirmationCode, u => password.ApplyTo(u) with
        {
            FailedSignIns = 0,
            LastFailedSignInAt = null,
            Status = u.Status == UserStatusType.RESET_REQUIRED ? UserStatusType.CONFIRMED : u.Status,
        }, ct);

        // After the write: a failing function leaves the new password in place (docs/triggers.md#postconfirmation).
        await PostConfirmation.RunAsync(triggers, pool, PostConfirmation.ConfirmForgotPasswordSource, reset, client.ClientId, r.ClientMetadata, ct);
        return new ConfirmForgotPasswordResponse();
    }
}
