namespace Ninsho.Protocol.Errors;

/// <summary>The one catalogue of error types and Cognito's messages (cognito-facts.md §1.2, §5, §7).</summary>
public static class CognitoErrors
{
    // Protocol errors.
    public static CognitoException UnknownOperation(string? target) =>
        new("UnknownOperationException", target is null or "" ? "Missing X-Amz-Target header." : $"Unknown operation {target}.");

    public static CognitoException Serialization(string message) => new("SerializationException", message);

    public static CognitoException NotImplemented(string operation) =>
        new("InvalidParameterException", $"The operation {operation} is not supported by Ninsho yet.");

    public static CognitoException RequestTooLarge(long limit) =>
        new("SerializationException", $"The request body is larger than {limit} bytes.", 413);

    public static CognitoException UnsupportedMediaType() =>
        new("SerializationException", "Only POST with an AWS JSON 1.1 body is supported.");

    public static CognitoException Internal() =>
        new("InternalErrorException", "An internal error occurred.", 500);

    // Validation and parameters.
    public static CognitoException InvalidParameter(string message) => new("InvalidParameterException", message);

    public static CognitoException InvalidPassword(string message) => new("InvalidPasswordException", message);

    // Resources.
    public static CognitoException UserPoolNotFound(string userPoolId) =>
        new("ResourceNotFoundException", $"User pool {userPoolId} does not exist.");

    public static CognitoException ClientNotFound(string clientId) =>
        new("ResourceNotFoundException", $"User pool client {clientId} does not exist.");

    public static CognitoException ResourceNotFound(string message) => new("ResourceNotFoundException", message);

    /// <summary>The group is missing; Cognito's text is unconfirmed (moto and LocalStack say the same).</summary>
    public static CognitoException GroupNotFound() => new("ResourceNotFoundException", "Group not found.");

    /// <summary>CreateGroup with a taken name; Cognito's text is unconfirmed (moto's wording).</summary>
    public static CognitoException GroupExists() => new("GroupExistsException", "A group with the name already exists.");

    public static CognitoException UserNotFound() => new("UserNotFoundException", "User does not exist.");

    public static CognitoException UsernameExists(string message = "User account already exists") =>
        new("UsernameExistsException", message);

    public static CognitoException AliasExists(string message) => new("AliasExistsException", message);

    public static CognitoException ConcurrentModification() =>
        new("ConcurrentModificationException", "The resource was changed by another request; try again.");

    public static CognitoException LimitExceeded(string message) => new("LimitExceededException", message);

    // Authentication.
    public static CognitoException NotAuthorized(string message) => new("NotAuthorizedException", message);

    public static CognitoException IncorrectCredentials() => NotAuthorized("Incorrect username or password.");

    public static CognitoException InvalidAccessToken() => NotAuthorized("Invalid Access Token");

    public static CognitoException AccessTokenExpired() => NotAuthorized("Access Token has expired");

    public static CognitoException AccessTokenRevoked() => NotAuthorized("Access Token has been revoked");

    public static CognitoException InvalidRefreshToken() => NotAuthorized("Invalid Refresh Token");

    public static CognitoException RefreshTokenRevoked() => NotAuthorized("Refresh Token has been revoked");

    public static CognitoException UserDisabled() => NotAuthorized("User is disabled.");

    public static CognitoException SessionExpired() => NotAuthorized("Invalid session for the user, session is expired.");

    public static CognitoException UserNotConfirmed() => new("UserNotConfirmedException", "User is not confirmed.");

    public static CognitoException PasswordResetRequired() =>
        new("PasswordResetRequiredException", "Password reset required for the user");

    public static CognitoException UnsupportedTokenType(string message) => new("UnsupportedTokenTypeException", message);

    public static CognitoException UnsupportedOperation(string message) => new("UnsupportedOperationException", message);

    public static CognitoException UnsupportedUserState(string message) => new("UnsupportedUserStateException", message);
}
