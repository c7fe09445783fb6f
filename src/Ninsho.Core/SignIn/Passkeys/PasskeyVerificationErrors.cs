using Fido2NetLib;
using Fido2NetLib.Exceptions;
using Ninsho.Protocol.Errors;

namespace Ninsho.Core.SignIn;

/// <summary>Cognito's error for a credential Fido2 refused. Which code becomes which type is our reading of the
/// model's documentation of each WebAuthn*Exception.</summary>
internal static class PasskeyVerificationErrors
{
    public static CognitoException Of(Fido2VerificationException e) => e.Code switch
    {
        Fido2ErrorCode.InvalidRpidHash => CognitoErrors.WebAuthnRelyingPartyMismatch(),
        Fido2ErrorCode.InvalidAuthenticatorResponseOrigin or Fido2ErrorCode.MissingAuthenticatorResponseOrigin
            or Fido2ErrorCode.CrossOriginRequestNotAllowed or Fido2ErrorCode.InvalidAuthenticatorResponseTopOrigin =>
            CognitoErrors.WebAuthnOriginNotAllowed(),
        Fido2ErrorCode.InvalidAuthenticatorResponseChallenge or Fido2ErrorCode.MissingAuthenticatorResponseChallenge =>
            CognitoErrors.WebAuthnChallengeNotFound(),
        Fido2ErrorCode.UnimplementedAlgorithm or Fido2ErrorCode.CredentialAlgorithmRequirementNotMet or Fido2ErrorCode.UnknownAttestationType
            or Fido2ErrorCode.InvalidAttestation or Fido2ErrorCode.InvalidCertificateChain or Fido2ErrorCode.UndesiredMetadataStatus
            or Fido2ErrorCode.AaGuidNotFound or Fido2ErrorCode.UserVerificationRequirementNotMet or Fido2ErrorCode.UserPresentFlagNotSet =>
            CognitoErrors.WebAuthnCredentialNotSupported(),
        Fido2ErrorCode.NonUniqueCredentialId => CognitoErrors.WebAuthnCredentialAlreadyRegistered(),
        _ => CognitoErrors.WebAuthnCredentialInvalid(),
    };
}
