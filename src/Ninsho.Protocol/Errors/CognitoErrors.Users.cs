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

    /// <summary>AdminCreateUser with MessageAction RESEND for a user not in FORCE_CHANGE_PASSWORD (unconfirmed:
    /// other emulators quote it).</summary>
    public static CognitoException ResendNotPossible(string username) =>
        UnsupportedUserState("Resend not possible. " + username + " status is not FORCE_CHANGE_PASSWORD.");

    /// <summary>A Username shaped like an email in a pool with the email alias (unconfirmed: users' reports quote it).</summary>
    public static CognitoException UsernameIsEmailFormat() =>
        InvalidParameter("Username cannot be of email format, since user pool is configured for email alias.");

    /// <summary>A Username shaped like a phone number in a pool with the phone_number alias (guessed, after the
    /// email form).</summary>
    public static CognitoException UsernameIsPhoneFormat() =>
        InvalidParameter("Username cannot be of phone number format, since user pool is configured for phone_number alias.");

    /// <summary>AdminCreateUser with email_verified true and no email (guessed; docs/cognito-behaviour.md states
    /// the rule, not the text).</summary>
    public static CognitoException EmailVerifiedWithoutEmail() =>
        InvalidParameter("Email verified attribute cannot be set without an email.");

    /// <summary>AdminCreateUser with phone_number_verified true and no phone_number (guessed).</summary>
    public static CognitoException PhoneVerifiedWithoutPhone() =>
        InvalidParameter("Phone number verified attribute cannot be set without a phone number.");

    /// <summary>SignUp without Password, which the model no longer requires (passwordless): the form AWS answers for
    /// a missing member (docs/security-input-validation.md); Cognito's answer for SignUp is unconfirmed.</summary>
    public static CognitoException SignUpPasswordMissing() =>
        InvalidParameter("1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null");

    /// <summary>SignUp with a username that is taken (sourced; AdminCreateUser says "User account already exists").</summary>
    public static CognitoException SignUpUserExists() => UsernameExists("User already exists");

    /// <summary>SignUp in a pool with UsernameAttributes where another user holds that email or phone (sourced for
    /// email; the phone_number form follows it).</summary>
    public static CognitoException UsernameAttributeTaken(string attribute) =>
        UsernameExists($"An account with the given {attribute} already exists.");

    /// <summary>An update giving a user an email or phone that another user holds as username attribute (guessed:
    /// the sourced AliasExistsException text is "An account with the email already exists.").</summary>
    public static CognitoException AliasTaken(string attribute) => AliasExists($"An account with the given {attribute} already exists.");

    /// <summary>A user would take an email or phone another user holds as a verified alias: the email form is sourced,
    /// the phone_number form follows it (guessed).</summary>
    public static CognitoException AliasHeldByAnother(string attribute) => AliasExists($"An account with the {attribute} already exists.");

    /// <summary>AdminCreateUser's username in a pool whose UsernameAttributes allow email and phone, and it is
    /// neither (sourced).</summary>
    public static CognitoException UsernameNotEmailOrPhone() => InvalidParameter("Username should be either an email or a phone number.");

    /// <summary>The same in a pool with email only (sourced).</summary>
    public static CognitoException UsernameNotEmail() => InvalidParameter("Username should be an email.");

    /// <summary>The same in a pool with phone_number only (guessed, after the email form).</summary>
    public static CognitoException UsernameNotPhone() => InvalidParameter("Username should be a phone number.");

    /// <summary>A password that breaks the pool's policy, <paramref name="reason"/> naming the first rule it breaks:
    /// SignUp says "did not conform with policy", the other operations "does not conform to policy" (observed; the
    /// split per operation is unconfirmed).</summary>
    public static CognitoException PasswordPolicyViolated(string reason, bool signUp) =>
        InvalidPassword((signUp ? "Password did not conform with policy: " : "Password does not conform to policy: ") + reason);

    /// <summary>ConfirmSignUp / AdminConfirmSignUp for a user who is not UNCONFIRMED (sourced).</summary>
    public static CognitoException UserCannotBeConfirmed(string status) =>
        NotAuthorized("User cannot be confirmed. Current status is " + status);
}
