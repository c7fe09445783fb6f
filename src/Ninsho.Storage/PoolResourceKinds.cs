namespace Ninsho.Storage;

/// <summary>The kinds of <see cref="StoredPoolResource"/> the features keep; backups copy every kind listed here.</summary>
public static class PoolResourceKinds
{
    public const string IdentityProvider = "identity-provider";

    /// <summary>Classic hosted UI branding, named <c>ALL</c> (the pool's default) or by app client id.</summary>
    public const string UICustomization = "ui-customization";

    /// <summary>Threat protection settings, named <c>ALL</c> (the pool's) or by app client id.</summary>
    public const string RiskConfiguration = "risk-configuration";

    /// <summary>The pool's log export settings (one, named <c>pool</c>).</summary>
    public const string LogDeliveryConfiguration = "log-delivery-configuration";

    /// <summary>The pool's SAML signing certificate (one, named <c>saml</c>).</summary>
    public const string SigningCertificate = "signing-certificate";

    /// <summary>Terms documents, named by their TermsId.</summary>
    public const string Terms = "terms";

    /// <summary>Which terms document holds a TermsName of an app client: named <c>{clientId}/{termsName}</c>.</summary>
    public const string TermsName = "terms-name";

    /// <summary>Managed login branding styles, named by their ManagedLoginBrandingId.</summary>
    public const string ManagedLoginBranding = "managed-login-branding";

    /// <summary>Which branding style an app client has: named by the client id.</summary>
    public const string ManagedLoginBrandingClient = "managed-login-branding-client";

    public static IReadOnlyList<string> All { get; } =
    [
        IdentityProvider, UICustomization, RiskConfiguration, LogDeliveryConfiguration, SigningCertificate,
        Terms, TermsName, ManagedLoginBranding, ManagedLoginBrandingClient,
    ];
}
