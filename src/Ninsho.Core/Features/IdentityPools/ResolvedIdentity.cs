using Ninsho.Storage;
using Ninsho.Core.Pools;
using Ninsho.Core.Users;
using Ninsho.Core.SignIn;
using Ninsho.Core.Messages;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>An identity the caller proved they may act as, with the logins that proved it (in the order the caller
/// sent them; none for a guest).</summary>
internal sealed record ResolvedIdentity(StoredIdentity Identity, IdentityPoolConfig Config, bool Authenticated, IReadOnlyList<VerifiedLogin>? Logins = null);
