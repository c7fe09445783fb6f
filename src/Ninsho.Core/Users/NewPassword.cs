using Ninsho.Core.Security.Srp;
using Ninsho.Storage;

namespace Ninsho.Core.Users;

/// <summary>A prepared password, ready to be applied to a user record: the slow hash, and the SRP salt and
/// verifier (merged into ExtraJson under <c>srp</c>).</summary>
internal sealed record NewPassword(string Hash, DateTimeOffset SetAt, SrpCredential Srp)
{
    public StoredUser ApplyTo(StoredUser user) => user with
    {
        PasswordHash = Hash,
        PasswordSetAt = SetAt,
        ExtraJson = UserSrpVerifier.Write(user.ExtraJson, Srp),
    };

    public override string ToString() => $"NewPassword {{ SetAt = {SetAt:O} }}";
}
