using Ninsho.Storage;

namespace Ninsho.Core.Features.Users;

/// <summary>A prepared password, ready to be applied to a user record.</summary>
internal sealed record NewPassword(string Hash, DateTimeOffset SetAt)
{
    public StoredUser ApplyTo(StoredUser user) => user with { PasswordHash = Hash, PasswordSetAt = SetAt };

    public override string ToString() => $"NewPassword {{ SetAt = {SetAt:O} }}";
}
