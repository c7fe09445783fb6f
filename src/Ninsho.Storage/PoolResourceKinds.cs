namespace Ninsho.Storage;

/// <summary>The kinds of <see cref="StoredPoolResource"/> the features keep; backups copy every kind listed here.</summary>
public static class PoolResourceKinds
{
    public const string IdentityProvider = "identity-provider";

    /// <summary>Terms documents, named by their TermsId.</summary>
    public const string Terms = "terms";

    /// <summary>Which terms document holds a TermsName of an app client: named <c>{clientId}/{termsName}</c>.</summary>
    public const string TermsName = "terms-name";

    /// <summary>Managed login branding styles, named by their ManagedLoginBrandingId.</summary>
    public const string ManagedLoginBranding = "managed-login-branding";

    /// <summary>Which branding style an app client has: named by the client id.</summary>
    public const string ManagedLoginBrandingClient = "managed-login-branding-client";

    public static IReadOnlyList<string> All { get; } = [IdentityProvider, Terms, TermsName, ManagedLoginBranding, ManagedLoginBrandingClient];
}
