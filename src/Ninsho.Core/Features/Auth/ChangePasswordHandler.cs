using Ninsho.Core.Security;
using Ninsho.Core.SignIn;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Auth;

/// <summary>ChangePassword (access token): the previous password must be right, the new one fit the policy.</summary>
internal sealed class ChangePasswordHandler(AccessTokenAuthenticator authenticator, UserUpdater updater, PasswordHasher hasher, UserPasswords passwords)
    : IOperationHandler<ChangePasswordRequest, ChangePasswordResponse>
{
    public async Task<ChangePasswordResponse> HandleAsync(ChangePasswordRequest r, OperationContext context, CancellationToken ct)
    {
        var (pool, user, _) = await authenticator.AuthenticateAsync(r.AccessToken, ct);
        if (r.PreviousPassword is null || user.PasswordHash is null || !await hasher.VerifyAsync(r.PreviousPassword, user.PasswordHash, ct))
        {
            throw CognitoErrors.IncorrectCredentials();
        }

        PasswordRules.Check(pool, r.ProposedPassword);
        var password = await passwords.PrepareAsync(pool, user.Username, r.ProposedPassword, ct);
        _ = await updater.UpdateAsync(user, password.ApplyTo, ct);
        return new ChangePasswordResponse();
    }
}
