namespace Ninsho.Protocol.Errors;

/// <summary>Errors of MFA settings and challenges. Wordings are unconfirmed (client projects' quotes of Cognito)
/// unless marked guessed.</summary>
public static partial class CognitoErrors
{
    /// <summary>Turning on a factor the user cannot receive (no phone_number for SMS, no email for EMAIL_OTP).</summary>
    public static CognitoException NoDeliveryForFactor(string factor) =>
        InvalidParameter($"User does not have delivery config set to turn on {factor}");

    /// <summary>The legacy MFAOptions of SetUserSettings name something other than SMS to phone_number.</summary>
    public static CognitoException MfaOptionsSmsOnly() =>
        InvalidParameter("Only SMS MFA delivery to phone_number is supported in MFAOptions.");

    /// <summary>SELECT_MFA_TYPE answered with a factor the user does not have (guessed).</summary>
    public static CognitoException MfaTypeNotAvailable(string answer) => InvalidParameter($"The MFA type {answer} is not available for the user.");

    /// <summary>SELECT_CHALLENGE of USER_AUTH answered with a challenge the user cannot take (guessed).</summary>
    public static CognitoException ChallengeNotAvailable(string answer) => InvalidParameter($"The challenge {answer} is not available for the user.");

    /// <summary>SetUserPoolMfaConfig with MfaConfiguration OFF and a factor configured.</summary>
    public static CognitoException MfaOffWithFactor() =>
        InvalidParameter("Invalid MFA configuration given, can't turn off MFA and configure an MFA together.");

    /// <summary>SetUserPoolMfaConfig with MFA ON or OPTIONAL and no factor.</summary>
    public static CognitoException MfaWithoutFactor() =>
        InvalidParameter("Invalid MFA Configuration given. SMS MFA, Email MFA, or Software Token MFA must be enabled.");

    /// <summary>AssociateSoftwareToken with neither AccessToken nor Session.</summary>
    public static CognitoException SoftwareTokenSubjectMissing() => InvalidParameter("Either AccessToken or Session must be provided.");
}
