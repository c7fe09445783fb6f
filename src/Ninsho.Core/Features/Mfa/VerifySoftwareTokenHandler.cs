using Ninsho.Core.SignIn;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Mfa;

/// <summary>VerifySoftwareToken: a code for the associated secret (current or neighbouring 30-s step) makes it the
/// user's software token and turns TOTP MFA on; a wrong code is EnableSoftwareTokenMFAException, a code
/// already used ExpiredCodeException. With an MFA_SETUP
/// Session, the returned Session completes MFA_SETUP in RespondToAuthChallenge.</summary>
internal sealed class VerifySoftwareTokenHandler(SoftwareTokenSubject subjects, UserUpdater updater, TotpCheck totp, MfaSessions sessions)
    : IOperationHandler<VerifySoftwareTokenRequest, VerifySoftwareTokenResponse>
{
    public async Task<VerifySoftwareTokenResponse> HandleAsync(VerifySoftwareTokenRequest request, OperationContext context, CancellationToken ct)
    {
        var subject = await subjects.ResolveAsync(request.AccessToken, request.Session, ct);
        var state = UserState.ReadMfa(subject.User);
        var secret = state.PendingTotpSecret ?? state.TotpSecret ?? throw CognitoErrors.SoftwareTokenMfaNotFound();
        var lastStep = secret == state.TotpSecret ? state.TotpLastStep : 0;
        var step = totp.Match(secret, request.UserCode, lastStep) ?? throw CognitoErrors.EnableSoftwareTokenMfa();
        var user = await updater.UpdateAsync(subject.User, u =>
        {
            var current = UserState.Read(u);
            var mfa = Unused(current.Mfa, secret, step) with
            {
                TotpSecret = secret,
                PendingTotpSecret = null,
                TotpLastStep = step,
                TotpEnabled = true,
                TotpDeviceName = request.FriendlyDeviceName,
            };
            return u with { ExtraJson = (current with { Mfa = mfa }).Write() };
        }, ct);
        var session = subject.Client is null
            ? null
            : await sessions.IssueAsync(SignInContext.For(subject.Pool, subject.Client), user, ChallengeNameType.MFA_SETUP, MfaSessions.Verified);
        return new VerifySoftwareTokenResponse { Status = VerifySoftwareTokenResponseType.SUCCESS, Session = session };
    }

    /// <summary>The state as re-read inside the write; another node may have accepted this code meanwhile.</summary>
    private static UserMfaState Unused(UserMfaState state, string secret, long step)
    {
        if (secret == state.TotpSecret)
        {
            TotpCheck.CheckUnused(step, state.TotpLastStep);
        }

        return state;
    }
}
