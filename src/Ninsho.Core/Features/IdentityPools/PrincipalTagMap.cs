using Ninsho.Core.Pools;
using Ninsho.Core.Users;
using Ninsho.Core.SignIn;
using Ninsho.Core.Messages;
namespace Ninsho.Core.Features.IdentityPools;

/// <summary>Which token claims become principal (session) tags for one identity provider.</summary>
internal sealed record PrincipalTagMap(bool UseDefaults, IReadOnlyDictionary<string, string>? PrincipalTags);
