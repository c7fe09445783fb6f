using Ninsho.Core.SignIn;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Mfa;

/// <summary>GetUserAuthFactors (public, by AccessToken): the user's MFA settings and the first factors USER_AUTH
/// offers them.</summary>
internal sealed class GetUserAuthFactorsHandler(AccessTokenAuthenticator authenticator, PasskeySignIn passkeys)
    : IOperationHandler<GetUserAuthFactorsRequest, GetUserAuthFactorsResponse>
{
    public async Task<GetUserAuthFactorsResponse> HandleAsync(GetUserAuthFactorsRequest request, OperationContext context, CancellationToken ct)
    {
        var (pool, user, _) = await authenticator.AuthenticateAsync(request.AccessToken, ct);
        var (enabled, preferred, _) = UserMfaView.Of(user);
        return new GetUserAuthFactorsResponse
        {
            Username = user.Username,
            PreferredMfaSetting = preferred,
            UserMFASettingList = enabled ?? [],
            ConfiguredUserAuthFactors = [.. UserAuthSignIn.Available(pool, user, await passkeys.HasPasskeysAsync(pool, user, ct)).Where(c => c != ChallengeNameType.PASSWORD_SRP)],
        };
    }
}
