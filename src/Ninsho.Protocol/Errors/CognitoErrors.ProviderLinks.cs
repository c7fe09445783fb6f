namespace Ninsho.Protocol.Errors;

/// <summary>Errors of AdminLinkProviderForUser and AdminDisableProviderForUser. Observed: "Invalid SourceUser:
/// Cognito users with a username/password may not be passed in as a SourceUser, only as a DestinationUser"
/// (boto/boto3#4163, aws-amplify/amplify-js#13334) and "Account isn't linked to anyone else, verify that the account
/// has been linked" (aws/aws-sdk-go#4218, its type not shown there: InvalidParameterException is our guess). The
/// others are guessed, in the same style.</summary>
public static partial class CognitoErrors
{
    public static CognitoException CognitoSourceUser() => InvalidParameter(
        "Invalid SourceUser: Cognito users with a username/password may not be passed in as a SourceUser, only as a DestinationUser");

    public static CognitoException LinkMemberRequired(string which, string member) => InvalidParameter($"Invalid {which}: {member} is required.");

    public static CognitoException FederatedDestinationUser() =>
        InvalidParameter("Invalid DestinationUser: ProviderName must be Cognito (linking to federated users is not supported).");

    public static CognitoException SocialSubjectRequired(string providerName) =>
        InvalidParameter($"Invalid SourceUser: ProviderAttributeName must be Cognito_Subject for a {providerName} identity provider.");

    public static CognitoException ImmutableDestinationAttribute(string attribute) =>
        InvalidParameter($"Invalid DestinationUser: all its attributes must be mutable, and {attribute} is not.");

    public static CognitoException SourceUserAlreadyLinked() => AliasExists("The SourceUser is already linked to a user of this user pool.");

    public static CognitoException ProviderAlreadyLinked(string providerName) =>
        InvalidParameter($"The DestinationUser already has a linked identity of provider {providerName}.");

    public static CognitoException LinkedIdentityLimit(int max) => LimitExceeded($"The DestinationUser has reached its limit of {max} linked identities.");

    public static CognitoException NotLinked() => InvalidParameter("Account isn't linked to anyone else, verify that the account has been linked");

    public static CognitoException DisableCognitoUserNotSupported() =>
        InvalidParameter("Disabling a Cognito user with AdminDisableProviderForUser is not supported: use AdminDisableUser.");
}
