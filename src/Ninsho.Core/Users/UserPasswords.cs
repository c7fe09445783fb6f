using Ninsho.Core.Pools;
using Ninsho.Core.Security;
using Ninsho.Core.Security.Srp;

namespace Ninsho.Core.Users;

/// <summary>Every path that sets a password (admin, invitation, sign-up, challenge, reset, change) goes through
/// here, so whatever a password leaves behind — the slow hash, and anything a sign-in flow derives from it — is
/// written the same way everywhere.</summary>
internal sealed class UserPasswords(PasswordHasher hasher, TimeProvider clock)
{
    /// <summary>Computes what storing <paramref name="password"/> for <paramref name="username"/> (the internal
    /// username) writes. Slow: call it outside an update's retry lambda and apply the result inside.</summary>
    public async Task<NewPassword> PrepareAsync(UserPoolSettings pool, string username, string password, CancellationToken ct)
    {
        var hash = await hasher.HashAsync(password, ct);
        return new NewPassword(hash, clock.GetUtcNow(), SrpCredential.Create(SrpCredential.PoolName(pool.Id), username, password));
    }
}
