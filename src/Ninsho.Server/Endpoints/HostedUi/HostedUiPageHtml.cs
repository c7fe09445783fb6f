using System.Text;
using System.Text.Encodings.Web;
using Ninsho.Core.Features.HostedUi;
using Ninsho.Protocol.IdentityProvider;
using QRCoder;

namespace Ninsho.Server.Endpoints;

/// <summary>The HTML of the hosted UI's pages beyond sign-in (sign-up, confirmation, forgot password, new password,
/// MFA). Every value written into a page is HTML-encoded; every form carries the CSRF token and the sealed state.
/// The look is the login page's (<see cref="LoginPage"/>).</summary>
internal static class HostedUiPageHtml
{
    private static readonly HtmlEncoder E = HtmlEncoder.Default;

    /// <summary>The URL of the page <paramref name="view"/> beside the page at <paramref name="url"/>, with the same
    /// query (the authorize request): <c>/domain/x/login?q</c> → <c>/domain/x/signup?q</c>.</summary>
    public static string Sibling(string url, string view)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        var (path, query) = q < 0 ? (url, "") : (url[..q], url[q..]);
        return path[..(path.LastIndexOf('/') + 1)] + view + query;
    }

    public static string Render(HostedUiPage page, string action, string csrf, string csrfField, HostedUiBranding? branding, string? scriptNonce = null)
    {
        var v = page.Values;
        var body = new StringBuilder();
        var formAttributes = "";
        var script = "";
        string title;
        string button;
        switch (page.View)
        {
            case HostedUiViews.SignUp:
                title = "Sign up with a new account";
                button = "Sign up";
                Input(body, "username", "Username", "text", "username", v.GetValueOrDefault("username"));
                foreach (var name in page.Fields)
                {
                    Input(body, HostedUiViews.AttributeField(name), Label(name), name is "email" ? "email" : "text", null,
                        v.GetValueOrDefault(HostedUiViews.AttributeField(name)), id: "attr-" + name);
                }

                Input(body, "password", "Password", "password", "new-password", null);
                break;
            case HostedUiViews.Confirm:
                title = "Confirm your account";
                button = "Confirm account";
                Sent(body, v);
                Input(body, "code", "Verification Code", "text", "one-time-code", null, id: "verification_code");
                break;
            case HostedUiViews.ForgotPassword:
                title = "Forgot your password?";
                button = "Reset my password";
                _ = body.Append("<p>Enter your username below and we will send a message to reset your password.</p>");
                Input(body, "username", "Username", "text", "username", v.GetValueOrDefault("username"));
                break;
            case HostedUiViews.ConfirmForgotPassword:
                title = "Reset your password";
                button = "Change Password";
                Sent(body, v);
                Input(body, "code", "Code", "text", "one-time-code", null);
                Input(body, "password", "New Password", "password", "new-password", null);
                Input(body, "confirmPassword", "Enter New Password Again", "password", "new-password", null);
                break;
            case HostedUiViews.NewPassword:
                title = "Change Password";
                button = "Send";
                _ = body.Append("<p>Please enter a new password.</p>");
                Input(body, "password", "New Password", "password", "new-password", null);
                Input(body, "confirmPassword", "Enter New Password Again", "password", "new-password", null);
                foreach (var name in page.Fields)
                {
                    Input(body, HostedUiViews.AttributeField(name), Label(name), "text", null, null, id: "attr-" + name);
                }

                break;
            case HostedUiViews.Mfa:
                title = "Multi-factor authentication";
                button = "Sign in";
                _ = body.Append("<p>").Append(E.Encode(v.GetValueOrDefault("challenge") switch
                {
                    ChallengeNameType.SOFTWARE_TOKEN_MFA => "Enter the code from your authenticator app.",
                    ChallengeNameType.EMAIL_OTP => $"We have sent a code by email to {v.GetValueOrDefault("destination")}. Enter it to sign in.",
                    _ => $"We have sent a code by SMS to {v.GetValueOrDefault("destination")}. Enter it to sign in.",
                })).Append("</p>");
                Input(body, "code", "Code", "text", "one-time-code", null, id: "code");
                break;
            case HostedUiViews.SelectMfa:
                title = "Choose how to sign in";
                button = "";
                _ = body.Append("<p>Choose a multi-factor authentication method.</p>");
                foreach (var factor in page.Fields)
                {
                    _ = body.Append("<button class=\"submitButton-customizable\" type=\"submit\" name=\"mfaType\" value=\"").Append(E.Encode(factor)).Append("\" id=\"mfa-")
                        .Append(E.Encode(factor)).Append("\">").Append(E.Encode(FactorLabel(factor))).Append("</button><br>");
                }

                break;
            case HostedUiViews.MfaSetup:
                title = "Set up an authenticator app";
                button = "Sign in";
                _ = body.Append("<p>Multi-factor authentication is required. Scan this QR code with your authenticator app, then enter the code it shows.</p>")
                    .Append("<div class=\"qr\">").Append(QrSvg(v.GetValueOrDefault("otpauth") ?? "")).Append("</div>")
                    .Append("<details><summary>Show secret key</summary><code id=\"secret\">").Append(E.Encode(v.GetValueOrDefault("secret") ?? ""))
                    .Append("</code></details>");
                Input(body, "code", "Code", "text", "one-time-code", null, id: "code");
                Input(body, "deviceName", "Device name (optional)", "text", null, null, required: false);
                break;
            case HostedUiViews.Passkey:
                title = "Sign in with passkey";
                button = "";
                _ = body.Append("<p>Use your passkey to sign in as ").Append(E.Encode(v.GetValueOrDefault("username") ?? "")).Append(".</p>")
                    .Append("<p class=\"error errorMessage-customizable\" id=\"passkey-error\" role=\"alert\" hidden></p>")
                    .Append("<input type=\"hidden\" name=\"credential\">")
                    .Append("<button class=\"submitButton-customizable\" type=\"button\" id=\"passkey-start\">Sign in with passkey</button>");
                formAttributes = $" id=\"passkey-form\" data-options=\"{E.Encode(v.GetValueOrDefault("options") ?? "{}")}\"";
                script = scriptNonce is null ? "" : $"<script nonce=\"{E.Encode(scriptNonce)}\">{PasskeyScript}</script>";
                break;
            default:
                return LoginPage.Error("Invalid request.");
        }

        var error = page.Error is null ? "" : $"<p class=\"error errorMessage-customizable\" role=\"alert\">{E.Encode(page.Error)}</p>";
        var state = page.State is null ? "" : $"<input type=\"hidden\" name=\"session\" value=\"{E.Encode(page.State)}\">";
        var submit = button.Length == 0 ? "" : $"<button class=\"submitButton-customizable\" type=\"submit\">{E.Encode(button)}</button>";
        if (page.View == HostedUiViews.Confirm)
        {
            // "Resend code": its own form, with the same state, to /resendcode.
            script = $"""<form method="post" action="{E.Encode(Sibling(action, HostedUiViews.ResendCode))}"><input type="hidden" name="{csrfField}" value="{E.Encode(csrf)}">{state}<p class="textDescription-customizable">Didn't receive a code? <button class="redirect-customizable" type="submit" id="resend">Resend it</button></p></form>""";
        }

        var back = page.View is HostedUiViews.SignUp or HostedUiViews.ForgotPassword
            ? $"<p><a class=\"redirect-customizable\" href=\"{E.Encode(Sibling(action, "login"))}\">Back to sign in</a></p>"
            : "";
        return LoginPage.Shell(title, branding, $"""
            <h1>{E.Encode(title)}</h1>{error}
            <form method="post" action="{E.Encode(action)}"{formAttributes}>
            <input type="hidden" name="{csrfField}" value="{E.Encode(csrf)}">{state}
            {body}
            {submit}
            </form>{back}{script}
            """);
    }

    /// <summary>The passkey page's script: on the button, <c>navigator.credentials.get</c> with the WEB_AUTHN
    /// challenge's request options (base64url fields turned into bytes), then the assertion as the
    /// AuthenticationResponseJSON the API's CREDENTIAL takes, posted with the form. It runs under the page's CSP by its
    /// nonce; a refusal (the person cancelled, no passkey on this device) is shown on the page.</summary>
    private const string PasskeyScript = """
        (() => {
          const form = document.getElementById('passkey-form');
          const error = document.getElementById('passkey-error');
          const bytes = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(s.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
          const text = (b) => btoa(String.fromCharCode(...new Uint8Array(b))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
          document.getElementById('passkey-start').addEventListener('click', async () => {
            const o = JSON.parse(form.dataset.options);
            const publicKey = {
              challenge: bytes(o.challenge), rpId: o.rpId, timeout: o.timeout ?? undefined, userVerification: o.userVerification ?? undefined,
              allowCredentials: (o.allowCredentials ?? []).map((c) => ({ type: c.type, id: bytes(c.id), transports: c.transports ?? undefined })),
            };
            try {
              const c = await navigator.credentials.get({ publicKey });
              const r = c.response;
              form.elements.credential.value = JSON.stringify({
                id: c.id, rawId: text(c.rawId), type: c.type, authenticatorAttachment: c.authenticatorAttachment ?? undefined,
                clientExtensionResults: c.getClientExtensionResults(),
                response: {
                  clientDataJSON: text(r.clientDataJSON), authenticatorData: text(r.authenticatorData), signature: text(r.signature),
                  userHandle: r.userHandle ? text(r.userHandle) : undefined,
                },
              });
              form.submit();
            } catch (e) {
              error.textContent = 'The passkey could not be used (' + e.name + '). Try again, or go back and sign in with your password.';
              error.hidden = false;
            }
          });
        })();
        """;

    private static void Sent(StringBuilder body, IReadOnlyDictionary<string, string> v)
    {
        if (v.GetValueOrDefault("destination") is { } destination)
        {
            var how = v.GetValueOrDefault("medium") == DeliveryMediumType.SMS ? "by SMS" : "by email";
            _ = body.Append("<p>We have sent a code ").Append(how).Append(" to ").Append(E.Encode(destination)).Append(". Enter it below.</p>");
        }
    }

    private static void Input(
        StringBuilder body, string name, string label, string type, string? autocomplete, string? value, string? id = null, bool required = true)
    {
        id ??= name;
        _ = body.Append("<label class=\"label-customizable\" for=\"").Append(E.Encode(id)).Append("\">").Append(E.Encode(label)).Append("</label>")
            .Append("<input class=\"inputField-customizable\" id=\"").Append(E.Encode(id)).Append("\" name=\"").Append(E.Encode(name)).Append("\" type=\"").Append(type).Append('"');
        if (autocomplete is not null)
        {
            _ = body.Append(" autocomplete=\"").Append(autocomplete).Append('"');
        }

        if (value is not null && type != "password")
        {
            _ = body.Append(" value=\"").Append(E.Encode(value)).Append('"');
        }

        _ = body.Append(required ? " required>" : ">");
    }

    private static string Label(string attribute) => attribute switch
    {
        "email" => "Email",
        "phone_number" => "Phone Number",
        "given_name" => "Given Name",
        "family_name" => "Family Name",
        _ => attribute.Replace('_', ' '),
    };

    private static string FactorLabel(string factor) => factor switch
    {
        ChallengeNameType.SOFTWARE_TOKEN_MFA => "Authenticator app",
        ChallengeNameType.SMS_MFA => "SMS message",
        ChallengeNameType.EMAIL_OTP => "Email message",
        _ => factor,
    };

    /// <summary>The otpauth URI as an inline SVG QR code: inline markup loads nothing, so the pages' CSP
    /// (<c>default-src 'none'</c>) lets it show.</summary>
    private static string QrSvg(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start < 0 ? "" : svg[start..];
    }
}
