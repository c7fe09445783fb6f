using Ninsho.Protocol.Identity;
using Ninsho.Storage;
using Ninsho.Core.Pools;
using Ninsho.Core.Users;
using Ninsho.Core.SignIn;
using Ninsho.Core.Messages;

namespace Ninsho.Core.Features.IdentityPools;

internal static class IdentityViews
{
    public static IdentityDescription ToDescription(StoredIdentity identity) => new()
    {
        IdentityId = identity.IdentityId,
        Logins = identity.Logins,
        CreationDate = identity.CreatedAt,
        LastModifiedDate = identity.ModifiedAt,
    };
}
