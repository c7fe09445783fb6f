using Ninsho.Storage;

namespace Ninsho.Core.Triggers;

/// <summary><c>request.userAttributes</c> of the sign-in triggers (pre/post authentication, pre token generation):
/// the stored attributes (with <c>sub</c>) and <c>cognito:user_status</c>, as Cognito's events carry them.</summary>
internal static class SignedInUserAttributes
{
    public static IEnumerable<KeyValuePair<string, string>> Of(StoredUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        foreach (var attribute in user.Attributes)
        {
            yield return attribute;
        }

        yield return new("cognito:user_status", user.Status);
    }
}
