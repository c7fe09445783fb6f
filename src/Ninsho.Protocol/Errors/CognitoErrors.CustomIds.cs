namespace Ninsho.Protocol.Errors;

/// <summary>Errors of the ids a caller chooses (the <c>_custom_id_</c> tag and client name prefix, and the seed
/// file; docs/test-control.md#fixed-ids). Ninsho's own: Cognito has no such feature, so every wording is guessed.</summary>
public static partial class CognitoErrors
{
    /// <summary>A chosen id that does not have the form of the resource's ids (guessed).</summary>
    public static CognitoException CustomIdInvalid(string kind, string id, string form) =>
        InvalidParameter($"The {kind} id '{id}' chosen with _custom_id_ must look like {form}.");

    /// <summary>A chosen user pool id that another pool has (guessed).</summary>
    public static CognitoException UserPoolIdTaken(string id) =>
        InvalidParameter($"A user pool with the id {id} already exists.");

    /// <summary>A chosen app client id that another client has (guessed).</summary>
    public static CognitoException ClientIdTaken(string id) =>
        InvalidParameter($"An app client with the id {id} already exists.");

    /// <summary>A seeded or test-control TOTP secret that is not base32 (guessed).</summary>
    public static CognitoException TotpSecretInvalid() =>
        InvalidParameter("A TOTP secret must be at least 16 base32 characters (A-Z, 2-7).");

    /// <summary>A test-control clock move that is not a forward duration (guessed).</summary>
    public static CognitoException ClockAdvanceInvalid() =>
        InvalidParameter("advance is a duration forward: seconds (90) or a number followed by s, m, h or d (15m, 25h, 2d).");

    /// <summary>A test-control request without a member it needs (guessed).</summary>
    public static CognitoException TestControlMemberRequired(string member) => InvalidParameter($"{member} is required.");

    /// <summary>A seed file that could not be applied again after a reset (its own message says where).</summary>
    public static CognitoException SeedNotApplied(string problem) => InvalidParameter(problem);
}
