namespace Ninsho.Protocol.Errors;

/// <summary>Errors of passkeys (WebAuthn). The types and when each applies come from the model's documentation;
/// Cognito's messages are not documented, so every message here is guessed.</summary>
public static partial class CognitoErrors
{
    public static CognitoException WebAuthnNotEnabled() =>
        new("WebAuthnNotEnabledException", "Passkey (WEB_AUTHN) sign-in is not enabled for the user pool.");

    public static CognitoException WebAuthnConfigurationMissing() =>
        new("WebAuthnConfigurationMissingException", "The user pool has no passkey relying party ID and no user pool domain.");

    public static CognitoException WebAuthnChallengeNotFound() =>
        new("WebAuthnChallengeNotFoundException", "The passkey registration challenge was not found or has expired.");

    public static CognitoException WebAuthnClientMismatch() =>
        new("WebAuthnClientMismatchException", "The access token is for a different app client than the one that started the passkey registration.");

    public static CognitoException WebAuthnRelyingPartyMismatch() =>
        new("WebAuthnRelyingPartyMismatchException", "The passkey credential is for a different relying party than the user pool's.");

    public static CognitoException WebAuthnOriginNotAllowed() =>
        new("WebAuthnOriginNotAllowedException", "The passkey credential's origin does not match the user pool's relying party ID.");

    public static CognitoException WebAuthnCredentialNotSupported() =>
        new("WebAuthnCredentialNotSupportedException", "The passkey credential is not supported.");

    public static CognitoException WebAuthnCredentialInvalid() => InvalidParameter("The passkey credential is not valid.");

    public static CognitoException WebAuthnCredentialAlreadyRegistered() => InvalidParameter("The passkey credential is already registered.");

    public static CognitoException WebAuthnCredentialNotFound() => ResourceNotFound("The passkey credential was not found.");

    public static CognitoException WebAuthnCredentialLimit(int max) => LimitExceeded($"The user has reached its limit of {max} passkeys.");
}
