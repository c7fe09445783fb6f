using Ninsho.Storage;

namespace Ninsho.Core.SignIn;

/// <summary>How a sign-in that does not answer with tokens ends: the hosted UI's pages run the same steps as the
/// API (new password, MFA, …) and, where the API would mint tokens, hand the signed-in user to <see cref="RunAsync"/>
/// instead (it issues an authorization code); <see cref="Result"/> then holds what it returned (where to send the
/// browser).</summary>
internal sealed class SignInFinish(Func<StoredUser, CancellationToken, Task<string>> finish)
{
    public string? Result { get; private set; }

    /// <summary>The user the sign-in ended for.</summary>
    public StoredUser? User { get; private set; }

    public async Task RunAsync(StoredUser user, CancellationToken ct)
    {
        Result = await finish(user, ct);
        User = user;
    }
}
