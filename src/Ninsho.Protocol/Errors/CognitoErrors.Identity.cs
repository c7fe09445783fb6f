namespace Ninsho.Protocol.Errors;

/// <summary>Errors of the cognito-identity service (identity pools), with its messages (docs/cognito-behaviour.md#identity-pools).
/// "Sourced" wordings are stated in docs/cognito-behaviour.md; "unconfirmed" ones are Cognito's texts as users quote
/// them, not in our docs; "guessed" ones are Ninsho's own.</summary>
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

    // Login tokens (GetId, GetCredentialsForIdentity, GetOpenIdToken and the developer operations).

    /// <summary>A login token that is not a readable JWT, names a key the pool does not have, or whose signature does
    /// not verify (unconfirmed).</summary>
    public static CognitoException LoginTokenUnverifiable() => InvalidLoginToken("Couldn't verify signed token.");

    /// <summary>A login token whose <c>iss</c> is not the provider it is given under (unconfirmed).</summary>
    public static CognitoException LoginTokenIssuerMismatch() => InvalidLoginToken("Issuer doesn't match providerName");

    /// <summary>A login token without <c>aud</c>, e.g. an access token sent instead of the ID token (sourced).</summary>
    public static CognitoException LoginTokenMissingAud() => InvalidLoginToken("Missing a required claim: aud");

    /// <summary>One of this server's OpenID tokens without <c>sub</c>: the text for <c>aud</c> applied to <c>sub</c> (guessed).</summary>
    public static CognitoException LoginTokenMissingSub() => InvalidLoginToken("Missing a required claim: sub");

    /// <summary>A login token past its <c>exp</c>, both in epoch seconds (sourced).</summary>
    public static CognitoException LoginTokenExpired(long now, long exp) => InvalidLoginToken($"Token expired: {now} >= {exp}");

    /// <summary>A user-pool login token whose <c>token_use</c> is not <c>id</c> (guessed).</summary>
    public static CognitoException LoginTokenNotIdToken() => InvalidLoginToken("Token is not an ID token.");

    /// <summary>A user-pool login token of a user that is gone, disabled or signed out globally since (guessed).</summary>
    public static CognitoException LoginTokenRevoked() => InvalidLoginToken("Token has been revoked or its user no longer exists.");

    /// <summary>A login of a public provider (Google, Facebook…) the pool lists: Ninsho cannot verify those (guessed).</summary>
    public static CognitoException LoginProviderNotVerifiable(string provider) =>
        InvalidLoginToken($"Ninsho cannot verify tokens from {provider}; use a user pool of this server.");

    // Identities and their logins.

    /// <summary>A login that is already linked to another identity of the pool. ResourceConflictException is the
    /// type Cognito answers for a second link; the wording is guessed.</summary>
    public static CognitoException LoginLinkedToAnotherIdentity() => ResourceConflict("The login is already linked to another identity.");

    /// <summary>UnlinkIdentity's <c>LoginsToRemove</c> names a provider the identity has no login from (guessed).</summary>
    public static CognitoException IdentityHasNoLogin(string provider) => InvalidParameter($"The identity has no login from {provider}.");

    /// <summary>GetCredentialsForIdentity's <c>CustomRoleArn</c> for a guest identity (guessed).</summary>
    public static CognitoException CustomRoleForGuest() => InvalidParameter("CustomRoleArn is only allowed for authenticated identities.");

    // Developer-authenticated identities.

    /// <summary>LookupDeveloperIdentity with neither IdentityId nor DeveloperUserIdentifier; the model says one of the
    /// two must be given (guessed).</summary>
    public static CognitoException DeveloperLookupNeedsKey() => InvalidParameter("Either IdentityId or DeveloperUserIdentifier must be given.");

    /// <summary>A developer user identifier no identity of the pool has (guessed).</summary>
    public static CognitoException DeveloperUserNotRegistered() =>
        ResourceNotFound("The developer user identifier is not registered with this identity pool.");

    /// <summary>A developer user identifier that belongs to another identity than the one given, or none (guessed).</summary>
    public static CognitoException DeveloperUserNotLinked() =>
        ResourceConflict("The developer user identifier is not linked to the given identity.");

    /// <summary>GetOpenIdTokenForDeveloperIdentity's <c>Logins</c> without the pool's developer provider; the model
    /// says this operation needs it (guessed).</summary>
    public static CognitoException DeveloperLoginMissing() => InvalidParameter("Logins must contain the identity pool's developer provider.");

    /// <summary>A DeveloperUserIdentifier outside the model's 1 to <paramref name="maxLength"/> characters (guessed).</summary>
    public static CognitoException DeveloperUserIdentifierLength(int maxLength) =>
        InvalidParameter($"A developer user identifier must be 1 to {maxLength} characters long.");

    /// <summary>UpdateIdentityPool changing a developer provider name that is set; AWS documents that it can't
    /// change (guessed wording).</summary>
    public static CognitoException DeveloperProviderImmutable() =>
        InvalidParameter("The developer provider name of an identity pool can't be changed once it is set.");

    /// <summary>MergeDeveloperIdentities' destination identifier no identity of the pool has (guessed).</summary>
    public static CognitoException MergeDestinationNotRegistered() =>
        ResourceNotFound("The destination user identifier is not registered with this identity pool.");

    /// <summary>MergeDeveloperIdentities of two identities with logins from the same (non-developer) provider (guessed).</summary>
    public static CognitoException MergeSharedProvider() =>
        ResourceConflict("The identities are linked to different users of the same provider and can't be merged.");

    /// <summary>A merge that would give one identity more than <paramref name="max"/> logins (guessed).</summary>
    public static CognitoException TooManyLinkedLogins(int max) => ResourceConflict($"An identity can have at most {max} linked logins.");

    /// <summary>A merge whose identities another request changed meanwhile (guessed).</summary>
    public static CognitoException IdentitiesChangedConcurrently() =>
        ResourceConflict("The identities were changed by another request; try again.");

    // Identity pool configuration.

    /// <summary>A <c>CognitoIdentityProviders</c> entry whose ProviderName is not a user pool. Reported from real
    /// Cognito in our issue 16 and stated in docs/compatibility-behaviour.md ("Identity-pool provider names"), with no
    /// public source (unconfirmed).</summary>
    public static CognitoException InvalidCognitoIdentityProvider() => InvalidParameter("Invalid Cognito Identity Provider");

    /// <summary>CreateIdentityPool with an id that is taken (guessed).</summary>
    public static CognitoException IdentityPoolExists() => ResourceConflict("An identity pool with this id already exists.");

    /// <summary>SetIdentityPoolRoles with a key other than authenticated / unauthenticated (guessed).</summary>
    public static CognitoException InvalidRoleKey(string key) =>
        InvalidParameter($"Invalid role key {key}: only 'authenticated' and 'unauthenticated' are allowed.");

    /// <summary>A principal tag map for a provider the identity pool does not have (guessed).</summary>
    public static CognitoException UnknownIdentityPoolProvider(string provider) =>
        InvalidParameter($"The identity pool has no identity provider {provider}.");

    /// <summary>An identity pool with more than <paramref name="max"/> tags (guessed).</summary>
    public static CognitoException TooManyIdentityPoolTags(int max) => InvalidParameter($"Too many tags: at most {max} are allowed.");

    /// <summary>A tag operation's ResourceArn that is not an identity pool ARN (guessed).</summary>
    public static CognitoException NotAnIdentityPoolArn(string arn) => InvalidParameter($"Invalid ARN {arn}: expected an identity pool ARN.");
}
