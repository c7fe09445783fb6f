using Ninsho.Protocol.Errors;

namespace Ninsho.Core.Features.IdentityProviders;

/// <summary>What each type of identity provider needs in ProviderDetails, what Cognito adds to them on Describe,
/// and its default attribute mapping (the model's ProviderDetails documentation). Nothing is fetched: a metadata
/// URL or an OIDC issuer is kept as given, since this server does not reach other hosts.</summary>
internal static class ProviderDetailRules
{
    public const string Saml = "SAML";
    public const string Oidc = "OIDC";

    private static readonly Dictionary<string, string[]> Required = new(StringComparer.Ordinal)
    {
        ["Google"] = ["client_id", "client_secret", "authorize_scopes"],
        ["Facebook"] = ["client_id", "client_secret", "authorize_scopes"],
        ["LoginWithAmazon"] = ["client_id", "client_secret", "authorize_scopes"],
        ["SignInWithApple"] = ["client_id", "team_id", "key_id", "private_key", "authorize_scopes"],
        [Oidc] = ["client_id", "attributes_request_method", "oidc_issuer", "authorize_scopes"],
        [Saml] = [],
    };

    /// <summary>The social providers: their name must be their type ("Provider X cannot be of type Google.").</summary>
    public static bool IsSocial(string type) => type is not (Saml or Oidc);

    public static void CheckName(string name, string type)
    {
        if (IsSocial(type) && name != type)
        {
            throw CognitoErrors.ProviderTypeMismatch(name, type);
        }

        if (!IsSocial(type) && (Required.ContainsKey(name) || string.Equals(name, "Cognito", StringComparison.OrdinalIgnoreCase)))
        {
            // The names of social providers and COGNITO are taken.
            throw CognitoErrors.ReservedProviderName(name);
        }
    }

    /// <summary>The details to store: the request's, checked, with the keys Cognito derives for the type.</summary>
    public static Dictionary<string, string> Complete(string type, IReadOnlyDictionary<string, string> given)
    {
        var details = new Dictionary<string, string>(given, StringComparer.Ordinal);
        foreach (var key in Required[type].Where(k => !details.ContainsKey(k)))
        {
            throw CognitoErrors.ProviderDetailRequired(key, type);
        }

        if (type == Saml && !details.ContainsKey("MetadataURL") && !details.ContainsKey("MetadataFile"))
        {
            throw CognitoErrors.SamlMetadataRequired();
        }

        foreach (var (key, value) in Derived(type, details))
        {
            details.TryAdd(key, value);
        }

        return details;
    }

    /// <summary>The details Describe shows: Apple's private key is never returned.</summary>
    public static Dictionary<string, string> Shown(string type, IReadOnlyDictionary<string, string> stored) =>
        stored.Where(d => !(type == "SignInWithApple" && d.Key == "private_key")).ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);

    /// <summary>The attribute mapping a new provider starts with: its user id as <c>username</c> (none for SAML).</summary>
    public static Dictionary<string, string> DefaultMapping(string type) => type switch
    {
        Saml => new Dictionary<string, string>(StringComparer.Ordinal),
        "Facebook" => new Dictionary<string, string>(StringComparer.Ordinal) { ["username"] = "id" },
        "LoginWithAmazon" => new Dictionary<string, string>(StringComparer.Ordinal) { ["username"] = "user_id" },
        _ => new Dictionary<string, string>(StringComparer.Ordinal) { ["username"] = "sub" },
    };

    private static IEnumerable<(string Key, string Value)> Derived(string type, IReadOnlyDictionary<string, string> details)
    {
        switch (type)
        {
            case "Google":
                yield return ("attributes_url", "https://people.googleapis.com/v1/people/me?personFields=");
                yield return ("attributes_url_add_attributes", "true");
                yield return ("authorize_url", "https://accounts.google.com/o/oauth2/v2/auth");
                yield return ("oidc_issuer", "https://accounts.google.com");
                yield return ("token_request_method", "POST");
                yield return ("token_url", "https://www.googleapis.com/oauth2/v4/token");
                break;
            case "Facebook":
                var version = details.GetValueOrDefault("api_version") ?? "v17.0";
                yield return ("api_version", version);
                yield return ("attributes_url", $"https://graph.facebook.com/{version}/me?fields=");
                yield return ("attributes_url_add_attributes", "true");
                yield return ("authorize_url", $"https://www.facebook.com/{version}/dialog/oauth");
                yield return ("token_request_method", "GET");
                yield return ("token_url", $"https://graph.facebook.com/{version}/oauth/access_token");
                break;
            case "LoginWithAmazon":
                yield return ("attributes_url", "https://api.amazon.com/user/profile");
                yield return ("attributes_url_add_attributes", "false");
                yield return ("authorize_url", "https://www.amazon.com/ap/oa");
                yield return ("token_request_method", "POST");
                yield return ("token_url", "https://api.amazon.com/auth/o2/token");
                break;
            case "SignInWithApple":
                yield return ("attributes_url_add_attributes", "false");
                yield return ("authorize_url", "https://appleid.apple.com/auth/authorize");
                yield return ("oidc_issuer", "https://appleid.apple.com");
                yield return ("token_request_method", "POST");
                yield return ("token_url", "https://appleid.apple.com/auth/token");
                break;
            case Oidc:
                yield return ("attributes_url_add_attributes", "false");
                break;
        }
    }
}
