using Ninsho.Storage;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>An identity the caller proved they may act as.</summary>
internal sealed record ResolvedIdentity(StoredIdentity Identity, IdentityPoolConfig Config, bool Authenticated);
