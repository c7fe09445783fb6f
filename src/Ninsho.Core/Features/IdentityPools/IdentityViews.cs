using Ninsho.Protocol.Identity;
using Ninsho.Storage;

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
