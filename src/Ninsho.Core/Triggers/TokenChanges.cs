using Ninsho.Core.Tokens;
using Ninsho.Core.Users;

namespace Ninsho.Core.Triggers;

/// <summary>What pre token generation decided: the group claims and scopes to mint with, and each token's claim changes.</summary>
internal sealed record TokenChanges(GroupClaims Groups, IReadOnlyList<string> Scopes, ClaimOverrides? IdToken, ClaimOverrides? AccessToken);
