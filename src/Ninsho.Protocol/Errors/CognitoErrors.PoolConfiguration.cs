namespace Ninsho.Protocol.Errors;

/// <summary>Errors of a pool's stored configuration: classic hosted UI branding, risk configuration and log delivery.
/// Observed: "A domain must be associated with this user pool." (amazon-connect/voicemail-for-amazon-connect#5);
/// the others are guessed.</summary>
public static partial class CognitoErrors
{
    public static CognitoException UICustomizationNeedsDomain() => InvalidParameter("A domain must be associated with this user pool.");

    public static CognitoException UICustomizationImageTooLarge(int maxBytes) =>
        InvalidParameter($"The image file is larger than the maximum of {maxBytes} bytes.");

    public static CognitoException UICustomizationImageType() => InvalidParameter("The image file must be a PNG or JPEG image.");

    public static CognitoException UICustomizationCssClass(string selector) =>
        InvalidParameter($"The CSS selector {selector} is not supported: use only the classes of the hosted UI CSS template.");

    public static CognitoException UICustomizationCssContent(string found) =>
        InvalidParameter($"The CSS must not contain {found}.");

    public static CognitoException InvalidIpRange(string value) =>
        InvalidParameter($"The IP range {value} is not valid: it must be an IPv4 or IPv6 range in CIDR notation.");

    public static CognitoException LogConfigurationDestination(string eventSource) =>
        InvalidParameter($"The log configuration for {eventSource} must have exactly one destination with its ARN.");

    public static CognitoException LogConfigurationNotSupported(string eventSource, string detail) =>
        InvalidParameter($"The log configuration for {eventSource} is not supported: {detail}");

    public static CognitoException LogDestinationArn(string arn, string expected) =>
        InvalidParameter($"{arn} is not the ARN of {expected}.");

    public static CognitoException DuplicateLogConfiguration(string eventSource) =>
        InvalidParameter($"The log configurations name {eventSource} more than once.");

    public static CognitoException FeatureUnavailableInTier(string feature) =>
        new("FeatureUnavailableInTierException", $"{feature} requires the PLUS feature plan (UserPoolTier).");

    /// <summary>A <c>userAuthEvents</c> log configuration on a pool below the PLUS plan (docs/hosted-ui-and-oauth.md);
    /// the wording is guessed.</summary>
    public static CognitoException UserAuthEventsNeedPlus() => FeatureUnavailableInTier("Exporting userAuthEvents logs");
}
