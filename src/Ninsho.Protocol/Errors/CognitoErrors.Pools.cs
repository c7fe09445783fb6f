namespace Ninsho.Protocol.Errors;

/// <summary>Errors of user pools and app clients. "Unconfirmed" wordings are quoted by users or other emulators but
/// not stated in docs/; "guessed" ones are Ninsho's own.</summary>
public static partial class CognitoErrors
{
    /// <summary>An app client's access, ID or refresh token validity outside Cognito's range; Cognito words every
    /// range failure the same way (observed: awsdocs/aws-cloudformation-user-guide#828).</summary>
    public static CognitoException TokenValidityOutOfRange() => InvalidParameter("Invalid range for token validity.");

    /// <summary>CreateUserPool with both AliasAttributes and UsernameAttributes (unconfirmed).</summary>
    public static CognitoException AliasAndUsernameAttributes() =>
        InvalidParameter("Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.");

    /// <summary>DeleteUserPool with DeletionProtection ACTIVE (unconfirmed: users' reports quote this sentence
    /// followed by " Deletion protection must be inactivated first.").</summary>
    public static CognitoException DeletionProtectionActive() =>
        InvalidParameter("The user pool cannot be deleted because deletion protection is activated.");

    /// <summary>ExplicitAuthFlows mixing ALLOW_ values and legacy ones (guessed).</summary>
    public static CognitoException MixedExplicitAuthFlows() =>
        InvalidParameter("Explicit auth flows must be either all ALLOW_ prefixed or none of them.");

    /// <summary>A refresh token validity not longer than the access or ID token validity (guessed).</summary>
    public static CognitoException RefreshValidityTooShort() =>
        InvalidParameter("Refresh token validity must be greater than access token and id token validity.");

    /// <summary>DeleteUserPoolClientSecret naming a secret the client does not have (guessed).</summary>
    public static CognitoException ClientSecretNotFound(string? clientSecretId) =>
        ResourceNotFound($"Client secret {clientSecretId} does not exist.");

    /// <summary>DeleteUserPoolClientSecret on the client's only secret (guessed, after the model's description).</summary>
    public static CognitoException LastClientSecret() =>
        InvalidParameter("You cannot delete the last remaining secret for an app client.");

    /// <summary>AddUserPoolClientSecret on a client without a secret (guessed).</summary>
    public static CognitoException ClientHasNoSecret(string? clientId) =>
        InvalidParameter($"Client {clientId} is not configured with a client secret.");

    /// <summary>AddUserPoolClientSecret on a client at its secret limit (guessed; the type and the limit are the model's).</summary>
    public static CognitoException ClientSecretLimit(string? clientId, int limit) =>
        LimitExceeded($"Client {clientId} already has the maximum number of client secrets ({limit}).");

    /// <summary>AddUserPoolClientSecret with a secret the client already has (guessed).</summary>
    public static CognitoException ClientSecretInUse() => InvalidParameter("The client secret is already in use by this client.");
}
