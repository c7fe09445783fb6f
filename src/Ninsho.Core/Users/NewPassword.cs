using Ninsho.Core.Security.Srp;
using Ninsho.Storage;

namespace Ninsho.Core.Users;

/// <summary>A prepared password, ready to be applied to a user record: the slow hash, and the SRP salt and
/// verifier (the <c>srp</c> part of the user's <see cref="UserState"/>).</summary>
internal sealed record NewPassword(string Hash, DateTimeOffset SetAt, SrpCredential Srp)
{
    public StoredUser ApplyTo(StoredUser user) => user with
    {
        PasswordHash = Hash,
        PasswordSetAt = SetAt,
        ExtraJson = (UserState.Read(user) with { Srp = Srp }).Write(),
    };

    public override string ToString() => $"NewPassword {{ SetAt = {SetAt:O} }}";
}
