namespace Ninsho.Protocol.Errors;

/// <summary>Errors of a user pool's identity providers. Observed: "Provider X cannot be of type Google."
/// (aws/aws-cli#3179) and "The provider X does not exist for User Pool Y." (lgallard/terraform-aws-cognito-user-pool#71);
/// the others are guessed.</summary>
public static partial class CognitoErrors
{
    public static CognitoException ProviderTypeMismatch(string name, string type) => InvalidParameter($"Provider {name} cannot be of type {type}.");

    public static CognitoException ReservedProviderName(string name) => InvalidParameter($"Provider name {name} is reserved.");

    public static CognitoException ProviderDetailRequired(string key, string type) => InvalidParameter($"{key} is required for a {type} identity provider.");

    public static CognitoException SamlMetadataRequired() => InvalidParameter("MetadataURL or MetadataFile is required for a SAML identity provider.");

    public static CognitoException DuplicateIdpIdentifier() =>
        InvalidParameter("Duplicate IdpIdentifier: an identifier can name only one identity provider of the user pool.");

    public static CognitoException DuplicateProvider(string name) =>
        new("DuplicateProviderException", $"A provider with the name {name} already exists in this user pool.");

    public static CognitoException IdentityProviderNotFound(string name, string userPoolId) =>
        ResourceNotFound($"Identity provider {name} does not exist in user pool {userPoolId}.");

    public static CognitoException IdpIdentifierNotFound(string identifier) => ResourceNotFound($"No identity provider has the identifier {identifier}.");

    public static CognitoException IdentityProviderLimit(int max) => LimitExceeded($"The user pool has reached its limit of {max} identity providers.");

    public static CognitoException UnknownSupportedProvider(string name, string userPoolId) =>
        InvalidParameter($"The provider {name} does not exist for User Pool {userPoolId}.");
}
