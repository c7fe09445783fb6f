namespace Ninsho.Protocol.Errors;

/// <summary>Errors of the sign-in flows and challenges. "Sourced" wordings are stated in docs/cognito-behaviour.md;
/// the others are unconfirmed: Cognito's texts as client projects quote them, or guessed where marked.</summary>
public static partial class CognitoErrors
{
    /// <summary>An AuthParameters / ChallengeResponses entry the flow needs is absent (unconfirmed).</summary>
    public static CognitoException MissingAuthParameter(string name) => InvalidParameter($"Missing required parameter {name}");

    /// <summary>An AuthFlow value no flow answers (unconfirmed).</summary>
    public static CognitoException UnknownAuthFlow() => InvalidParameter("Initiate Auth method not supported.");

    /// <summary>An AuthFlow or challenge Cognito has and Ninsho does not build (Ninsho's own text).</summary>
    public static CognitoException SignInNotBuilt(string flowOrChallenge) =>
        InvalidParameter($"{flowOrChallenge} is not supported by Ninsho yet.");

    /// <summary>A challenge name Ninsho has no responder for (Ninsho's own text).</summary>
    public static CognitoException ChallengeNotBuilt(string challengeName) =>
        InvalidParameter($"The challenge {challengeName} is not supported by Ninsho yet.");

    /// <summary>GetTokensFromRefreshToken for a client without ALLOW_REFRESH_TOKEN_AUTH (unconfirmed; the same text
    /// as REFRESH_TOKEN_AUTH's). Also REFRESH_TOKEN_AUTH on a client that rotates refresh tokens, where the text is
    /// guessed (docs/compatibility-refresh-rotation.md).</summary>
    public static CognitoException RefreshFlowNotEnabled() => InvalidParameter("Refresh Token auth flow not enabled for this client");

    /// <summary>USER_PASSWORD_AUTH for a client without ALLOW_USER_PASSWORD_AUTH (sourced).</summary>
    public static CognitoException UserPasswordFlowNotEnabled() => InvalidParameter("USER_PASSWORD_AUTH flow not enabled for this client");

    /// <summary>ADMIN_USER_PASSWORD_AUTH for a client without ALLOW_ADMIN_USER_PASSWORD_AUTH (sourced).</summary>
    public static CognitoException AdminPasswordFlowNotEnabled() => InvalidParameter("Auth flow not enabled for this client");

    /// <summary>USER_SRP_AUTH for a client without ALLOW_USER_SRP_AUTH (sourced).</summary>
    public static CognitoException SrpFlowNotEnabled() => InvalidParameter("USER_SRP_AUTH is not enabled for the client.");

    /// <summary>CUSTOM_AUTH on a client without ALLOW_CUSTOM_AUTH; the wording is guessed after the other flows'.</summary>
    public static CognitoException CustomFlowNotEnabled() => InvalidParameter("Custom auth flow not enabled for this client");

    /// <summary>USER_AUTH for a client without ALLOW_USER_AUTH (guessed, after USER_PASSWORD_AUTH's).</summary>
    public static CognitoException UserAuthFlowNotEnabled() => InvalidParameter("USER_AUTH flow not enabled for this client");

    /// <summary>SRP_A is not a valid public value (guessed).</summary>
    public static CognitoException InvalidSrpA() => InvalidParameter("Invalid SRP_A value.");

    /// <summary>TIMESTAMP of PASSWORD_VERIFIER not in the format the clients send (sourced).</summary>
    public static CognitoException InvalidSrpTimestamp() =>
        InvalidParameter("TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.");

    /// <summary>A client with a secret was called without SECRET_HASH (sourced).</summary>
    public static CognitoException SecretHashMissing(string? clientId) =>
        NotAuthorized($"Client {clientId} is configured for secret but secret was not received");

    /// <summary>SECRET_HASH or the client secret does not match (sourced).</summary>
    public static CognitoException SecretHashMismatch(string? clientId) => NotAuthorized($"Unable to verify secret hash for client {clientId}");

    /// <summary>An access token without the scope an operation needs, e.g. aws.cognito.signin.user.admin (unconfirmed).</summary>
    public static CognitoException AccessTokenLacksScopes() => NotAuthorized("Access Token does not have required scopes");

    /// <summary>A device's SRP verifier that is not usable (guessed).</summary>
    public static CognitoException InvalidDeviceVerifier() => InvalidParameter("Invalid device verifier.");

    /// <summary>A DeviceSecretVerifierConfig member that is not Base64 (guessed).</summary>
    public static CognitoException DeviceVerifierNotBase64(string member) =>
        InvalidParameter($"DeviceSecretVerifierConfig.{member} is not valid Base64.");

    /// <summary>A refresh token past its validity (unconfirmed; docs/cognito-behaviour.md#error-messages).</summary>
    public static CognitoException RefreshTokenExpired() => NotAuthorized("Refresh Token has expired");

    /// <summary>RevokeToken for a client with EnableTokenRevocation false (unconfirmed: another emulator's text).</summary>
    public static CognitoException TokenRevocationDisabled() =>
        UnsupportedOperation("Token revocation is not enabled for this app client.");

    /// <summary>RevokeToken given a JWT (an ID or access token) instead of a refresh token (guessed).</summary>
    public static CognitoException NotARefreshToken() => UnsupportedTokenType("The token is not a refresh token.");
}
