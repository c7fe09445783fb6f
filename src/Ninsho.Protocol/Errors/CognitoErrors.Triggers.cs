namespace Ninsho.Protocol.Errors;

/// <summary>Errors of Lambda triggers (docs/triggers.md#errors). <c>trigger</c> is the LambdaConfig member's name,
/// e.g. <c>PreSignUp</c>. Sourced wordings are stated in docs/triggers.md with their public sources; the others
/// are marked guessed.</summary>
public static partial class CognitoErrors
{
    /// <summary>The function ran and failed (threw, or answered with an error): its <c>errorMessage</c> after
    /// Cognito's prefix, always followed by a period (sourced).</summary>
    public static CognitoException TriggerFunctionFailed(string trigger, string errorMessage) =>
        new("UserLambdaValidationException", $"{trigger} failed with error {errorMessage}.");

    /// <summary>Lambda refused or failed the Invoke call itself (e.g. <c>ResourceNotFoundException</c>,
    /// <c>AccessDeniedException</c>); <paramref name="errorCode"/> is Lambda's error type (sourced form).</summary>
    public static CognitoException TriggerInvocationFailed(string trigger, string errorCode) =>
        new("UnexpectedLambdaException", $"{trigger} invocation failed due to error {errorCode}.");

    /// <summary>The function did not answer within Cognito's 5 seconds (sourced).</summary>
    public static CognitoException TriggerTimedOut(string trigger) =>
        TriggerInvocationFailed(trigger, "Socket timeout while invoking Lambda function");

    /// <summary>The Invoke endpoint could not be reached (connection refused, DNS). The code is guessed: Lambda's
    /// own error for a service-side failure.</summary>
    public static CognitoException TriggerUnreachable(string trigger) => TriggerInvocationFailed(trigger, "ServiceException");

    /// <summary>The pool names a function for the trigger, but Ninsho was given neither <c>--lambda-endpoint</c> nor
    /// a <c>--trigger-webhook</c> for it (Ninsho's own code, in Cognito's form).</summary>
    public static CognitoException TriggerNotReachable(string trigger) => TriggerInvocationFailed(trigger, "NinshoLambdaEndpointNotConfigured");

    /// <summary>The function answered nothing (<c>null</c>) or something that is not JSON (sourced).</summary>
    public static CognitoException TriggerInvalidJson() =>
        new("InvalidLambdaResponseException", "Invalid lambda function output : Invalid JSON");

    /// <summary>The function answered JSON of the wrong shape, e.g. <c>"response": []</c> or a flag that is not a
    /// boolean (sourced).</summary>
    public static CognitoException TriggerUnrecognizableOutput() =>
        new("InvalidLambdaResponseException", "Unrecognizable lambda output");

    /// <summary>PreSignUp set autoVerifyEmail or autoVerifyPhone for a user without that attribute. Cognito fails the
    /// sign-up; its error type and text are not documented (guessed).</summary>
    public static CognitoException TriggerAutoVerifyWithoutAttribute(string attribute) =>
        InvalidParameter($"Cannot auto verify {attribute} because the user has no {attribute}.");

    /// <summary>CUSTOM_AUTH on a pool without the define (or create, or verify) trigger: the text a user saw from
    /// Cognito; that this is its cause is guessed (docs/triggers.md#custom-authentication).</summary>
    public static CognitoException CustomAuthTriggerMissing() =>
        new("UnexpectedLambdaException", "null invocation failed due to configuration.");

    /// <summary>CustomMessage returned a message without a placeholder Cognito must replace (the code, and for an
    /// invitation the username). Cognito refuses such a message; its error type and text here are guessed.</summary>
    public static CognitoException TriggerMessageWithoutPlaceholder(string field, string placeholder) =>
        new("InvalidLambdaResponseException", $"Invalid lambda function output : {field} does not contain {placeholder}");

    /// <summary>The migrate user function threw: Cognito answers "not found" with the function's failure
    /// (<c>UserMigration failed with error …</c>, observed in client code), or with the reason the migrated user
    /// could not be created.</summary>
    public static CognitoException MigrationFunctionFailed(string message) => new("UserNotFoundException", message);

    /// <summary>The migrate user function could not be invoked (AWS's wording for a missing, forbidden or failing
    /// function).</summary>
    public static CognitoException MigrationInvocationFailed(string clientId) =>
        new("UserNotFoundException", $"Exception migrating user in app client {clientId}");

    /// <summary>The migrate user answer has a bad <paramref name="member"/> (e.g. <c>finalUserStatus</c>); the
    /// wording is read from translations of AWS's page (guessed).</summary>
    public static CognitoException MigrationInvalid(string member) =>
        new("UserNotFoundException", $"Error during migration: Invalid {member}");

    /// <summary>Ninsho's KMS <c>Decrypt</c> (docs/triggers.md#the-encrypted-code) got a blob it did not make, one that
    /// was changed, or an encryption context other than the one the blob was made with: KMS's error type; the message is
    /// Ninsho's own (KMS often sends none).</summary>
    public static CognitoException KmsInvalidCiphertext() =>
        new("InvalidCiphertextException", "The ciphertext was not made by this server's KMS, was changed, or its encryption context differs.");

    /// <summary>Ninsho's KMS <c>Decrypt</c> got a KeyId that is not the key of the blob: KMS's error type and the form of
    /// its message for a key it does not have (guessed that KMS answers this rather than IncorrectKeyException, since
    /// Ninsho holds no other keys).</summary>
    public static CognitoException KmsKeyNotFound(string keyId) => new("NotFoundException", $"Key '{keyId}' does not exist");

    /// <summary>Ninsho's KMS <c>Decrypt</c> got an alias as KeyId: Ninsho keeps no aliases (KMS's message form for a
    /// missing alias, unconfirmed).</summary>
    public static CognitoException KmsAliasNotFound(string alias) => new("NotFoundException", $"Alias {alias} is not found.");

    /// <summary>A KMS call to Ninsho that its operator rules refuse (a caller beyond loopback, or an unsigned call when
    /// SigV4 credentials are configured): KMS's error type, Ninsho's message.</summary>
    public static CognitoException KmsAccessDenied(string reason) => new("AccessDeniedException", reason);

    /// <summary>The pool sets a custom sender but no <c>KMSKeyID</c> to encrypt its codes with, so the function is not
    /// called (Ninsho's own code, in Cognito's form; recorded in the invocation log, never returned to the caller).</summary>
    public static CognitoException TriggerSenderWithoutKmsKey(string trigger) => TriggerInvocationFailed(trigger, "NinshoKMSKeyIDNotConfigured");
}
