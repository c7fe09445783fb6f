namespace Ninsho.Storage;

/// <summary>The names storage indexes for <see cref="UserFilter"/> and alias look-ups.</summary>
public static class SearchableAttributes
{
    public const string Username = "username";
    public const string Email = "email";
    public const string PhoneNumber = "phone_number";
    public const string Name = "name";
    public const string GivenName = "given_name";
    public const string FamilyName = "family_name";
    public const string PreferredUsername = "preferred_username";
    public const string Sub = "sub";
    public const string UserStatus = "cognito:user_status";
    public const string Status = "status";

    /// <summary>Every name a <see cref="UserFilter"/> may use.</summary>
    public static readonly IReadOnlyList<string> All =
        [Username, Email, PhoneNumber, Name, GivenName, FamilyName, PreferredUsername, Sub, UserStatus, Status];

    /// <summary>The value of <paramref name="attribute"/> for <paramref name="user"/>, as indexed
    /// (<c>username</c> is the username key, <c>status</c> is <c>Enabled</c>/<c>Disabled</c>,
    /// attributes are lower-cased where Cognito matches them case-insensitively).</summary>
    public static string? ValueOf(StoredUser user, string attribute) => attribute switch
    {
        Username => user.UsernameKey,
        UserStatus => user.Status,
        Status => user.Enabled ? "Enabled" : "Disabled",
        Sub => user.Sub,
        Email or PreferredUsername => user.Attributes.TryGetValue(attribute, out var v) ? v.ToLowerInvariant() : null,
        _ => user.Attributes.GetValueOrDefault(attribute),
    };
}
