using Ninsho.Core.SignIn;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Mfa;

/// <summary>AssociateSoftwareToken (public, by AccessToken or by the Session of MFA_SETUP): a new TOTP secret,
/// pending until VerifySoftwareToken accepts a code for it. With a Session, a new MFA_SETUP session is returned.</summary>
internal sealed class AssociateSoftwareTokenHandler(SoftwareTokenSubject subjects, UserUpdater updater, MfaSessions sessions)
    : IOperationHandler<AssociateSoftwareTokenRequest, AssociateSoftwareTokenResponse>
{
    public async Task<AssociateSoftwareTokenResponse> HandleAsync(AssociateSoftwareTokenRequest request, OperationContext context, CancellationToken ct)
    {
        var subject = await subjects.ResolveAsync(request.AccessToken, request.Session, ct);
        var secret = TotpCheck.NewSecret();
        var user = await updater.UpdateAsync(subject.User, u =>
        {
            var state = UserState.Read(u);
            return u with { ExtraJson = (state with { Mfa = state.Mfa with { PendingTotpSecret = secret } }).Write() };
        }, ct);
        var session = subject.Client is null
            ? null
            : await sessions.IssueAsync(SignInContext.For(subject.Pool, subject.Client), user, ChallengeNameType.MFA_SETUP, MfaSessions.Setup);
        return new AssociateSoftwareTokenResponse { SecretCode = secret, Session = session };
    }
}
