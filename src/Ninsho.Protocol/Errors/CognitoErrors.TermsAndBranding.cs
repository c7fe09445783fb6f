namespace Ninsho.Protocol.Errors;

/// <summary>Errors of terms documents and managed login branding. Observed: "useCognitoProvidedValues or settings should
/// be specified (but not both)" (a CreateManagedLoginBranding with neither, quoted in a user's notes); the others are
/// guessed, in the wording of Cognito's other not-found and exists messages.</summary>
public static partial class CognitoErrors
{
    public static CognitoException TermsNotFound(string termsId) => ResourceNotFound($"Terms {termsId} does not exist.");

    public static CognitoException TermsExists(string termsName) =>
        new("TermsExistsException", $"Terms with the name {termsName} already exist for this app client.");

    public static CognitoException BrandingNotFound(string brandingId) => ResourceNotFound($"Managed login branding {brandingId} does not exist.");

    public static CognitoException BrandingNotFoundForClient(string clientId) =>
        ResourceNotFound($"No managed login branding is assigned to app client {clientId}.");

    public static CognitoException BrandingExists() =>
        new("ManagedLoginBrandingExistsException", "A managed login branding style is already assigned to this app client.");

    public static CognitoException BrandingValuesExclusive() =>
        InvalidParameter("useCognitoProvidedValues or settings should be specified (but not both)");

    public static CognitoException BrandingSettingsNotObject() => InvalidParameter("Invalid settings provided. Settings must be a JSON object.");

    public static CognitoException DuplicateBrandingAsset(string category, string colorMode) =>
        InvalidParameter($"Duplicate asset: more than one asset has the category {category} and the color mode {colorMode}.");

    public static CognitoException BrandingAssetLimit(int max) => InvalidParameter($"A managed login branding style can have at most {max} assets.");
}
