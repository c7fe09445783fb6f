namespace Ninsho.Core.Features.HostedUi;

/// <summary>The hosted UI's pages beyond sign-in; each name is also the page's path (<c>/signup</c>, …). The paths of
/// the new-password and MFA pages are guessed: Cognito publishes none (docs/hosted-ui-and-oauth.md#the-hosted-ui-pages).</summary>
public static class HostedUiViews
{
    public const string SignUp = "signup";
    public const string Confirm = "confirm";
    public const string ForgotPassword = "forgotPassword";
    public const string ConfirmForgotPassword = "confirmForgotPassword";
    public const string NewPassword = "resetPassword";
    public const string Mfa = "mfa";
    public const string SelectMfa = "mfaOption";
    public const string MfaSetup = "mfaSetup";
    public const string Passkey = "passkey";

    /// <summary>"Resend code" on the confirmation page posts here (the path is guessed from Cognito's <c>ResendCode</c> event).</summary>
    public const string ResendCode = "resendcode";

    /// <summary>The emailed verification link: <c>/confirmUser?client_id=…&amp;user_name=…&amp;confirmation_code=…</c>.</summary>
    public const string ConfirmLink = "confirmUser";

    /// <summary>The pages a browser may post to.</summary>
    public static readonly IReadOnlyList<string> All = [SignUp, Confirm, ForgotPassword, ConfirmForgotPassword, NewPassword, Mfa, SelectMfa, MfaSetup, Passkey, ResendCode];

    /// <summary>The form field of a required attribute on the sign-up and new-password pages, as Cognito's sign-up
    /// form names it: <c>requiredAttributes[email]</c>.</summary>
    public static string AttributeField(string name) => $"requiredAttributes[{name}]";
}
