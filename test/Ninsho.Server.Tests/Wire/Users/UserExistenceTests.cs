using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>
/// PreventUserExistenceErrors (docs/cognito-behaviour.md#hiding-whether-a-user-exists) on every sign-in and recovery path, through boto3
/// (<c>test/py/user_existence.py</c>): LEGACY names a missing user; ENABLED answers for a missing user exactly as
/// for a real user in the matching situation (wrong password, wrong code, a code sent).
/// </summary>
[Collection(SignInServer.Name)]
public sealed class UserExistenceTests(NinshoServerFixture fixture)
{
    private const string NotFound = "Username/client id combination not found.";
    private const string Incorrect = "Incorrect username or password.";
    private const string Mismatch = "Invalid verification code provided, please try again.";
    private const string Expired = "Invalid session for the user, session is expired.";

    /// <summary>Case → (LEGACY answer, ENABLED answer) for the unknown user "ghost".</summary>
    private static readonly (string Case, (string Type, string Message) Legacy, (string Type, string Message) Enabled)[] Ghosts =
    [
        ("InitiateAuth", ("UserNotFoundException", "User does not exist."), ("NotAuthorizedException", Incorrect)),
        ("AdminInitiateAuth", ("UserNotFoundException", "User does not exist."), ("NotAuthorizedException", Incorrect)),
        ("ForgotPassword", ("UserNotFoundException", NotFound), ("OK", "")),
        ("ConfirmForgotPassword", ("UserNotFoundException", NotFound), ("CodeMismatchException", Mismatch)),
        ("ResendConfirmationCode", ("UserNotFoundException", NotFound), ("OK", "")),
        ("ConfirmSignUp", ("UserNotFoundException", NotFound), ("CodeMismatchException", Mismatch)),
        ("RespondToAuthChallenge", ("NotAuthorizedException", Expired), ("NotAuthorizedException", Expired)),
    ];

    /// <summary>Ghost case → the real-user case it must be indistinguishable from under ENABLED.</summary>
    private static readonly (string Ghost, string Real)[] LookAlikes =
    [
        ("InitiateAuth/ghost", "InitiateAuth/real-wrong-password"),
        ("AdminInitiateAuth/ghost", "AdminInitiateAuth/real-wrong-password"),
        ("ForgotPassword/ghost", "ForgotPassword/real"),
        ("ForgotPassword/disabled", "ForgotPassword/real"),
        ("ConfirmForgotPassword/ghost", "ConfirmForgotPassword/real-wrong-code"),
        ("ResendConfirmationCode/ghost", "ResendConfirmationCode/real"),
        ("ConfirmSignUp/ghost", "ConfirmSignUp/real-wrong-code"),
    ];

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_hide_missing_users_only_when_the_client_enables_it()
    {
        var results = await Boto3Script.RunAsync("user_existence.py", fixture.BaseUrl, TestContext.Current.CancellationToken);

        foreach (var (name, legacy, enabled) in Ghosts)
        {
            AssertOutcome(results, $"LEGACY {name}/ghost", legacy);
            AssertOutcome(results, $"ENABLED {name}/ghost", enabled);
        }

        // An unconfirmed user is revealed only to the right password, in both modes.
        foreach (var mode in new[] { "LEGACY", "ENABLED" })
        {
            AssertOutcome(results, $"{mode} InitiateAuth/unconfirmed-wrong-password", ("NotAuthorizedException", Incorrect));
            AssertOutcome(results, $"{mode} InitiateAuth/unconfirmed", ("UserNotConfirmedException", "User is not confirmed."));
        }

        // A disabled user is named under LEGACY, hidden under ENABLED.
        AssertOutcome(results, "LEGACY ForgotPassword/disabled", ("NotAuthorizedException", "User is disabled."));

        foreach (var (ghost, real) in LookAlikes)
        {
            var hidden = results["ENABLED " + ghost];
            var shown = results["ENABLED " + real];
            Assert.True(
                hidden.Type == shown.Type && hidden.Message == shown.Message && JsonEquals(hidden.Extra, shown.Extra),
                $"ENABLED {ghost} ({hidden}) differs from {real} ({shown})");
        }

        // ForgotPassword for nobody still describes a plausible, masked e-mail delivery.
        var simulated = results["ENABLED ForgotPassword/ghost"].Extra;
        Assert.Equal("EMAIL", simulated.Str("DeliveryMedium"));
        Assert.Equal("email", simulated.Str("AttributeName"));
        simulated.AssertTrue("Masked");
    }

    private static void AssertOutcome(IReadOnlyDictionary<string, Boto3Outcome> results, string key, (string Type, string Message) expected)
    {
        var actual = results[key];
        Assert.True(actual.Type == expected.Type && actual.Message == expected.Message, $"{key}: expected {expected}, got {actual}");
    }

    private static bool JsonEquals(JsonElement a, JsonElement b) => a.GetRawText() == b.GetRawText();
}
