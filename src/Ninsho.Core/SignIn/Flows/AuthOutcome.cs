using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.SignIn;

/// <summary>The result of a sign-in step: either tokens or the next challenge. Initiate and Respond
/// operations (and their Admin forms) all return these members; AvailableChallenges only Initiate (USER_AUTH).</summary>
internal sealed record AuthOutcome(
    string? ChallengeName,
    IReadOnlyDictionary<string, string> ChallengeParameters,
    string? Session,
    AuthenticationResultType? AuthenticationResult,
    IReadOnlyList<string>? AvailableChallenges = null)
{
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>(StringComparer.Ordinal);

    public static AuthOutcome Tokens(AuthenticationResultType result) => new(null, Empty, null, result);
}
