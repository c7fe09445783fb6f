namespace Ninsho.Protocol.Errors;

/// <summary>The one catalogue of error types and Cognito's messages (docs/cognito-behaviour.md#error-responses, #user-status, #error-messages).</summary>
public static partial class CognitoErrors
{
    // Protocol errors.
    public static CognitoException UnknownOperation(string? target) =>
        new("UnknownOperationException", target is null or "" ? "Missing X-Amz-Target header." : $"Unknown operation {target}.");

    public static CognitoException Serialization(string message) => new("SerializationException", message);

    /// <summary>A request body that is JSON but not an object (e.g. <c>null</c>); the wording is guessed.</summary>
    public static CognitoException RequestBodyNotObject() => Serialization("The request body must be a JSON object.");

    /// <summary>A request Kestrel could not read (malformed framing); the wording is guessed.</summary>
    public static CognitoException RequestUnreadable() => Serialization("The request could not be read.");

    public static CognitoException NotImplemented(string operation) =>
        new("InvalidParameterException", $"The operation {operation} is not supported by Ninsho yet.");

    public static CognitoException RequestTooLarge(long limit) =>
        new("SerializationException", $"The request body is larger than {limit} bytes.", 413);

    public static CognitoException UnsupportedMediaType() =>
        new("SerializationException", "Only POST with an AWS JSON 1.1 body is supported.");

    public static CognitoException Internal() =>
        new("InternalErrorException", "An internal error occurred.", 500);

    /// <summary>The database cannot serve the request (full, read-only, damaged): 503, which SDKs retry, with a
    /// message naming the condition (docs/data-safety.md).</summary>
    public static CognitoException DatabaseUnavailable(string message) =>
        new("InternalErrorException", message, 503);

    // Request signing (SigV4), when the server checks it.
    public static CognitoException MissingAuthenticationToken() =>
        new("MissingAuthenticationTokenException", "Missing Authentication Token");

    public static CognitoException UnrecognizedClient() =>
        new("UnrecognizedClientException", "The security token included in the request is invalid.");

    public static CognitoException InvalidSignature() =>
        new("InvalidSignatureException", "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");

    public static CognitoException SignatureExpired(string? signedAt) =>
        new("InvalidSignatureException", $"Signature expired: {signedAt} is now earlier or later than the allowed 15 minutes from the server's time.");

    // Validation and parameters.
    public static CognitoException InvalidParameter(string message) => new("InvalidParameterException", message);

    /// <summary>A request that breaks its model's constraints (the <c>N validation error(s) detected</c> text):
    /// cognito-identity answers <c>ValidationException</c>, a type its model does not declare, and cognito-idp
    /// <c>InvalidParameterException</c> (docs/compatibility-identity-roles.md#validationexception).</summary>
    public static CognitoException ModelValidation(string targetPrefix, string message) =>
        new(targetPrefix == Identity.IdentityOperations.TargetPrefix ? "ValidationException" : "InvalidParameterException", message);

    public static CognitoException InvalidPassword(string message) => new("InvalidPasswordException", message);

    // Resources.
    public static CognitoException UserPoolNotFound(string userPoolId) =>
        new("ResourceNotFoundException", $"User pool {userPoolId} does not exist.");

    public static CognitoException ClientNotFound(string clientId) =>
        new("ResourceNotFoundException", $"User pool client {clientId} does not exist.");

    public static CognitoException ResourceNotFound(string message) => new("ResourceNotFoundException", message);

    /// <summary>The group is missing; Cognito's text is unconfirmed (moto and LocalStack say the same).</summary>
    public static CognitoException GroupNotFound() => new("ResourceNotFoundException", "Group not found.");

    /// <summary>Wording guessed; it must contain "Device": amazon-cognito-identity-js drops its cached device and
    /// retries when a ResourceNotFoundException message contains "device".</summary>
    public static CognitoException DeviceNotFound() => new("ResourceNotFoundException", "Device does not exist.");

    /// <summary>CreateGroup with a taken name; Cognito's text is unconfirmed (moto's wording).</summary>
    public static CognitoException GroupExists() => new("GroupExistsException", "A group with the name already exists.");

    // Wording guessed (Cognito's text for an unknown import job is not documented).
    public static CognitoException ImportJobNotFound(string jobId) => new("ResourceNotFoundException", $"Import job {jobId} does not exist.");

    // Resource servers and domains. Wordings guessed unless marked observed: Cognito's texts are not documented.
    public static CognitoException ResourceServerNotFound(string identifier) =>
        new("ResourceNotFoundException", $"Resource server {identifier} does not exist.");

    public static CognitoException ResourceServerExists(string identifier, string userPoolId) =>
        new("InvalidParameterException", $"{identifier} already exists in pool {userPoolId}.");

    public static CognitoException ResourceServerLimitExceeded() => LimitExceeded("The user pool has reached its limit of 25 resource servers.");

    public static CognitoException DuplicateScope(string scopeName) =>
        new("InvalidParameterException", $"Duplicate scope {scopeName} in the resource server.");

    /// <summary>Observed (CloudFormation and Terraform reports of CreateUserPoolDomain).</summary>
    public static CognitoException DomainTaken() => new("InvalidParameterException", "Domain already associated with another user pool.");

    /// <summary>Observed (aws-samples/websocket-chat-application#29).</summary>
    public static CognitoException PoolHasDomain() => new("InvalidParameterException", "User pool already has a domain configured.");

    public static CognitoException NoSuchDomain() => new("InvalidParameterException", "No such domain or user pool exists.");

    public static CognitoException ScopeDoesNotExist(string scope) => new("ScopeDoesNotExistException", $"Invalid scope requested: {scope}");

    /// <summary>The texts of the client_credentials checks are observed (Terraform and CLI reports); the type of
    /// "… is not supported with client_credentials flow" is guessed.</summary>
    public static CognitoException InvalidOAuthFlow(string message) => new("InvalidOAuthFlowException", message);

    public static CognitoException PreconditionNotMet(string message) => new("PreconditionNotMetException", message);

    // Wording guessed: Cognito's quota messages are not documented.
    public static CognitoException GroupLimitExceeded() => LimitExceeded("The user pool has reached its limit of 10000 groups.");

    // Wording guessed; TagResource has no LimitExceededException in the model, so InvalidParameterException.
    public static CognitoException TooManyTags() => new("InvalidParameterException", "A resource can have at most 50 tags.");

    public static CognitoException UserNotFound() => new("UserNotFoundException", "User does not exist.");

    public static CognitoException UsernameExists(string message = "User account already exists") =>
        new("UsernameExistsException", message);

    public static CognitoException AliasExists(string message) => new("AliasExistsException", message);

    public static CognitoException ConcurrentModification() =>
        new("ConcurrentModificationException", "The resource was changed by another request; try again.");

    public static CognitoException LimitExceeded(string message) => new("LimitExceededException", message);

    /// <summary>Throttling: more work queued than the server takes on, or a write that could not land in time (400, as
    /// Cognito answers it; botocore's standard retry mode retries this code).</summary>
    public static CognitoException TooManyRequests() => new("TooManyRequestsException", "Rate exceeded");

    /// <summary>A sign-in refused during a failed-attempt lockout (no final period, as Cognito writes it).</summary>
    public static CognitoException PasswordAttemptsExceeded() => NotAuthorized("Password attempts exceeded");

    public static CognitoException AttemptLimitExceeded() => LimitExceeded("Attempt limit exceeded, please try after some time.");

    // Codes and self-service (docs/cognito-behaviour.md#codes-sign-up-and-password-reset).
    public static CognitoException CodeMismatch() =>
        new("CodeMismatchException", "Invalid verification code provided, please try again.");

    public static CognitoException ExpiredCode() =>
        new("ExpiredCodeException", "Invalid code provided, please request a code again.");

    /// <summary>A TOTP code whose time step was already accepted for the user (docs/compatibility-behaviour.md).</summary>
    public static CognitoException SoftwareTokenUsed() =>
        new("ExpiredCodeException", "Your software token has already been used once.");

    /// <summary>A client operation (SignUp, ForgotPassword, …) naming a user that doesn't exist (LEGACY).</summary>
    public static CognitoException UsernameClientNotFound() =>
        new("UserNotFoundException", "Username/client id combination not found.");

    public static CognitoException SignUpNotPermitted() => NotAuthorized("SignUp is not permitted for this user pool");

    public static CognitoException NoRecoveryDestination() =>
        InvalidParameter("Cannot reset password for the user as there is no registered/verified email or phone_number");

    // Authentication.
    public static CognitoException NotAuthorized(string message) => new("NotAuthorizedException", message);

    public static CognitoException IncorrectCredentials() => NotAuthorized("Incorrect username or password.");

    public static CognitoException InvalidAccessToken() => NotAuthorized("Invalid Access Token");

    public static CognitoException AccessTokenExpired() => NotAuthorized("Access Token has expired");

    public static CognitoException AccessTokenRevoked() => NotAuthorized("Access Token has been revoked");

    public static CognitoException InvalidRefreshToken() => NotAuthorized("Invalid Refresh Token");

    public static CognitoException RefreshTokenRevoked() => NotAuthorized("Refresh Token has been revoked");

    /// <summary>A refresh token that rotation replaced, used after its grace period: the model's
    /// RefreshTokenReuseException; the message is guessed (docs/compatibility-refresh-rotation.md).</summary>
    public static CognitoException RefreshTokenReused() => new("RefreshTokenReuseException", "Invalid Refresh Token");

    /// <summary>Sign-in with a temporary password older than TemporaryPasswordValidityDays (docs/cognito-behaviour.md#admincreateuser-and-temporary-passwords).</summary>
    public static CognitoException TemporaryPasswordExpired() => NotAuthorized("Temporary password has expired and must be reset by an administrator.");

    public static CognitoException UserDisabled() => NotAuthorized("User is disabled.");

    public static CognitoException SessionExpired() => NotAuthorized("Invalid session for the user, session is expired.");

    public static CognitoException UserNotConfirmed() => new("UserNotConfirmedException", "User is not confirmed.");

    public static CognitoException PasswordResetRequired() =>
        new("PasswordResetRequiredException", "Password reset required for the user");

    public static CognitoException UnsupportedTokenType(string message) => new("UnsupportedTokenTypeException", message);

    public static CognitoException UnsupportedOperation(string message) => new("UnsupportedOperationException", message);

    public static CognitoException UnsupportedUserState(string message) => new("UnsupportedUserStateException", message);

    /// <summary>A wrong SMS_MFA, EMAIL_OTP or SOFTWARE_TOKEN_MFA answer (amplify-js#3066, #11069).</summary>
    public static CognitoException MfaCodeMismatch() => new("CodeMismatchException", "Invalid code or auth state for the user.");

    /// <summary>VerifySoftwareToken with a wrong code (aws-samples/aws-amplify-auth-starters#15).</summary>
    public static CognitoException EnableSoftwareTokenMfa() =>
        new("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA");

    /// <summary>A TOTP step with no software token (amazon-cognito-identity-js#630).</summary>
    public static CognitoException SoftwareTokenMfaNotFound() =>
        new("SoftwareTokenMFANotFoundException", "Software Token MFA does not exist for the user.");

    /// <summary>A challenge session that was already answered.</summary>
    public static CognitoException InvalidSession() => NotAuthorized("Invalid session for the user.");

    /// <summary>Auth-event operations on a pool without threat protection (AdvancedSecurityMode OFF). Wording guessed.</summary>
    public static CognitoException UserPoolAddOnNotEnabled() =>
        new("UserPoolAddOnNotEnabledException", "Advanced security features are not enabled for this user pool.");

    /// <summary>Feedback for an event the user does not have. Wording guessed.</summary>
    public static CognitoException AuthEventNotFound() => ResourceNotFound("Auth event not found.");
}
