using Ninsho.Storage;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>An identity the caller proved they may act as, with the logins that proved it (in the order the caller
/// sent them; none for a guest).</summary>
internal sealed record ResolvedIdentity(StoredIdentity Identity, IdentityPoolConfig Config, bool Authenticated, IReadOnlyList<VerifiedLogin>? Logins = null);
