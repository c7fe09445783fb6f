namespace Ninsho.Protocol.Errors;

/// <summary>Errors of user self-service and listing. "Sourced" wordings are stated in docs/cognito-behaviour.md;
/// the others are unconfirmed.</summary>
public static partial class CognitoErrors
{
    /// <summary>ForgotPassword / a reset for a user whose state allows none (sourced).</summary>
    public static CognitoException PasswordResetNotAllowed() => NotAuthorized("User password cannot be reset in the current state.");

    /// <summary>GetUserAttributeVerificationCode for an attribute that cannot be verified (unconfirmed).</summary>
    public static CognitoException InvalidAttributeName(string name) => InvalidParameter("Invalid attribute name " + name);

    /// <summary>A ListUsers filter on an attribute that cannot be searched (unconfirmed).</summary>
    public static CognitoException InvalidSearchAttribute(string name) => InvalidParameter($"Invalid search attribute: {name}");

    /// <summary>A ListUsers filter that does not parse (sourced).</summary>
    public static CognitoException FilterParseError() => InvalidParameter("Error while parsing filter.");

    /// <summary>ResendConfirmationCode for a confirmed user (sourced).</summary>
    public static CognitoException UserAlreadyConfirmed() => InvalidParameter("User is already confirmed.");

    /// <summary>ResendConfirmationCode in a pool that verifies no attribute (unconfirmed).</summary>
    public static CognitoException AutoVerificationOff() => InvalidParameter("Auto verification not turned on.");

    /// <summary>A pagination token this server did not issue or cannot read (guessed).</summary>
    public static CognitoException InvalidPaginationToken() => InvalidParameter("Invalid pagination token.");

    /// <summary>A tagging call whose ResourceArn is not a user pool's ARN (guessed).</summary>
    public static CognitoException InvalidResourceArn(string arn) => InvalidParameter($"Invalid ARN: {arn}");

    /// <summary>StartUserImportJob on a job that is not Created (guessed).</summary>
    public static CognitoException ImportJobNotStartable(string jobId, string status) =>
        PreconditionNotMet($"Import job {jobId} is {status}; only a Created job can be started.");

    /// <summary>StopUserImportJob on a job that is neither Pending nor InProgress (guessed).</summary>
    public static CognitoException ImportJobNotStoppable(string jobId, string status) =>
        PreconditionNotMet($"Import job {jobId} is {status}; only a Pending or InProgress job can be stopped.");
}
