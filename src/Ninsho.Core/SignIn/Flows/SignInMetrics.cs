using System.Collections.Frozen;
using Ninsho.Core.Diagnostics;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.SignIn;

/// <summary>The tags of <c>ninsho.sign_ins</c> (docs/operations.md#metrics-and-traces): the flow or challenge name
/// of the model's enums (anything else a caller sends counts as <c>unknown</c>), and the result of the step.</summary>
internal static class SignInMetrics
{
    /// <summary>The result of a step that ended in an exception other than a Cognito error.</summary>
    public const string Failed = "error";

    private const string Unknown = "unknown";

    private static readonly FrozenSet<string> Names = FrozenSet.Create(StringComparer.Ordinal,
    [
        AuthFlowType.USER_SRP_AUTH, AuthFlowType.REFRESH_TOKEN_AUTH, AuthFlowType.REFRESH_TOKEN, AuthFlowType.CUSTOM_AUTH,
        AuthFlowType.ADMIN_NO_SRP_AUTH, AuthFlowType.USER_PASSWORD_AUTH, AuthFlowType.ADMIN_USER_PASSWORD_AUTH, AuthFlowType.USER_AUTH,
        ChallengeNameType.SMS_MFA, ChallengeNameType.EMAIL_OTP, ChallengeNameType.SOFTWARE_TOKEN_MFA, ChallengeNameType.SELECT_MFA_TYPE,
        ChallengeNameType.MFA_SETUP, ChallengeNameType.PASSWORD_VERIFIER, ChallengeNameType.CUSTOM_CHALLENGE, ChallengeNameType.SELECT_CHALLENGE,
        ChallengeNameType.DEVICE_SRP_AUTH, ChallengeNameType.DEVICE_PASSWORD_VERIFIER, ChallengeNameType.NEW_PASSWORD_REQUIRED,
        ChallengeNameType.SMS_OTP, ChallengeNameType.PASSWORD, ChallengeNameType.WEB_AUTHN, ChallengeNameType.PASSWORD_SRP,
    ]);

    /// <summary>The tag value for <paramref name="name"/>: the interned model name, or <c>unknown</c>.</summary>
    public static string FlowName(string? name) =>
        name is not null && Names.TryGetValue(name, out var known) ? known : Unknown;

    /// <summary>Runs one sign-in step and counts it under <paramref name="name"/> (a flow or challenge name) with its
    /// result: <c>tokens</c>, <c>challenge</c>, the Cognito error type, or <see cref="Failed"/>.</summary>
    public static async Task<AuthOutcome> CountAsync(string? name, Func<Task<AuthOutcome>> step)
    {
        var result = Failed;
        try
        {
            var outcome = await step();
            result = ResultOf(outcome);
            return outcome;
        }
        catch (CognitoException e)
        {
            result = e.Type;
            throw;
        }
        finally
        {
            NinshoTelemetry.RecordSignIn(FlowName(name), result);
        }
    }

    /// <summary><c>tokens</c> when the step signed the user in, else <c>challenge</c>.</summary>
    public static string ResultOf(AuthOutcome outcome) => outcome.AuthenticationResult is not null ? "tokens" : "challenge";
}
