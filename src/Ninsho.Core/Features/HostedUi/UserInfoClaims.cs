using Ninsho.Core.SignIn;
using Ninsho.Storage;

namespace Ninsho.Core.Features.HostedUi;

/// <summary>What userInfo returns for a token's scopes (Cognito's userInfo endpoint documentation): <c>openid</c>
/// alone, every attribute the app client can read; with <c>email</c>, <c>phone</c> or <c>profile</c>, only the
/// attributes of those scopes (OIDC Core §5.4). <c>sub</c> first and <c>username</c> last, always; every value a
/// string, as Cognito writes them (<c>"email_verified": "true"</c>).</summary>
internal static class UserInfoClaims
{
    private static readonly string[] EmailClaims = ["email", "email_verified"];
    private static readonly string[] PhoneClaims = ["phone_number", "phone_number_verified"];
    private static readonly string[] ProfileClaims =
    [
        "name", "family_name", "given_name", "middle_name", "nickname", "preferred_username", "profile", "picture",
        "website", "gender", "birthdate", "zoneinfo", "locale", "updated_at", "address",
    ];

    public static IReadOnlyList<KeyValuePair<string, string>> For(string scope, StoredUser user, IReadOnlyDictionary<string, string> readable)
    {
        var covered = new HashSet<string>(StringComparer.Ordinal);
        var narrowed = false;
        foreach (var (name, claims) in new[] { ("email", EmailClaims), ("phone", PhoneClaims), ("profile", ProfileClaims) })
        {
            if (AccessTokenAuthenticator.HasScope(scope, name))
            {
                narrowed = true;
                covered.UnionWith(claims);
            }
        }

        var result = new List<KeyValuePair<string, string>> { new("sub", user.Sub) };
        result.AddRange(readable.Where(a => a.Key != "sub" && (!narrowed || covered.Contains(a.Key))));
        result.Add(new("username", user.Username));
        return result;
    }
}
