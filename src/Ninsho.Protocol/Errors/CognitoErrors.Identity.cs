namespace Ninsho.Protocol.Errors;

/// <summary>Errors of the cognito-identity service (identity pools), with its messages (docs/cognito-behaviour.md#identity-pools).</summary>
public static partial class CognitoErrors
{
    public static CognitoException IdentityPoolNotFound(string identityPoolId) =>
        ResourceNotFound($"IdentityPool '{identityPoolId}' not found.");

    public static CognitoException IdentityNotFound(string identityId) =>
        ResourceNotFound($"Identity '{identityId}' not found.");

    public static CognitoException UnauthenticatedNotSupported() =>
        NotAuthorized("Unauthenticated access is not supported for this identity pool.");

    public static CognitoException UnsupportedLoginProvider() =>
        NotAuthorized("Token is not from a supported provider of this identity pool.");

    public static CognitoException InvalidLoginToken(string reason) => NotAuthorized("Invalid login token. " + reason);

    public static CognitoException LoginsDoNotMatch() =>
        NotAuthorized("Logins don't match. Please include at least one valid login for this identity or identity pool.");

    public static CognitoException IdentityForbidden(string identityId) => NotAuthorized($"Access to Identity '{identityId}' is forbidden.");

    public static CognitoException MissingIdentityPoolRoles() => new(
        "InvalidIdentityPoolConfigurationException", "Invalid identity pool configuration. Check assigned IAM roles for this pool.");

    /// <summary>STS refused to assume the pool's role (its trust policy, an unknown token issuer…): the model says
    /// Cognito answers InvalidIdentityPoolConfigurationException then, with the same message as for missing roles
    /// (docs/compatibility-sts.md).</summary>
    public static CognitoException StsRefusedRole() => MissingIdentityPoolRoles();

    /// <summary>The STS of <c>--sts-endpoint</c> did not answer, answered 5xx or unreadably: the model's exception
    /// for a dependent service that is not responding; the message is Ninsho's (docs/compatibility-sts.md).</summary>
    public static CognitoException StsUnavailable() =>
        new("ExternalServiceException", "The security token service (STS) did not answer the request for credentials.");

    /// <summary>A role mapping found no role (no rule matched, or the token named no single role) and its
    /// <c>AmbiguousRoleResolution</c> is <c>Deny</c>. The wording was observed (aws-amplify/amplify-js#3621); what
    /// follows "for:" for a user pool is our guess: the mapping's key (docs/compatibility-identity-roles.md).</summary>
    public static CognitoException AmbiguousRoleDenied(string mappingKey) =>
        NotAuthorized($"The ambiguous role mapping rules for: {mappingKey} denied this request.");

    /// <summary>GetCredentialsForIdentity's <c>CustomRoleArn</c> is not a role the token's mapping allows. Cognito
    /// denies access (docs/compatibility-identity-roles.md); the type and wording are our guess.</summary>
    public static CognitoException CustomRoleNotAllowed(string roleArn) =>
        NotAuthorized($"The role {roleArn} is not one of the roles the token allows.");

    public static CognitoException ResourceConflict(string message) => new("ResourceConflictException", message);

    /// <summary>A developer provider name the identity pool does not have. The wording was observed in a user's
    /// report (danilop/LambdAuth#32); the exception type NotAuthorizedException is a guess.</summary>
    public static CognitoException DeveloperProviderNotSupported() =>
        NotAuthorized("This identity pool does not support the specified developer provider.");

    /// <summary>The model's own description of the exception, used as its message.</summary>
    public static CognitoException DeveloperUserAlreadyRegistered() => new(
        "DeveloperUserAlreadyRegisteredException",
        "The provided developer user identifier is already registered with Cognito under a different identity ID.");
}
