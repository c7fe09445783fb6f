using System.Text.Json.Nodes;
using Ninsho.Core.Pools;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Triggers;

/// <summary>The custom message trigger (docs/triggers.md#custommessage): the function sees placeholders, never the
/// code, and may replace the pool's text; Ninsho puts the real code (and username) in afterwards.</summary>
internal static class CustomMessage
{
    public const string SignUpSource = "CustomMessage_SignUp";
    public const string AdminCreateUserSource = "CustomMessage_AdminCreateUser";
    public const string ResendCodeSource = "CustomMessage_ResendCode";
    public const string ForgotPasswordSource = "CustomMessage_ForgotPassword";
    public const string UpdateUserAttributeSource = "CustomMessage_UpdateUserAttribute";
    public const string VerifyUserAttributeSource = "CustomMessage_VerifyUserAttribute";
    public const string AuthenticationSource = "CustomMessage_Authentication";

    public const string CodeParameter = "{####}";
    public const string LinkParameter = "{##Click Here##}";
    public const string UsernameParameter = "{username}";

    /// <summary>Runs the trigger for one message and returns the subject and body to render: the function's texts
    /// where it set them, the pool's template (<paramref name="subject"/>, <paramref name="body"/>) where it left
    /// them null. Without a function, the template unchanged. A text without the code placeholder (or, for an
    /// invitation, the username placeholder) is refused.</summary>
    public static async Task<(string? Subject, string Body)> ComposeAsync(
        LambdaTriggers triggers, UserPoolSettings pool, MessageOrigin origin, StoredUser user, string medium,
        string? subject, string body, CancellationToken ct)
    {
        if (!LambdaTriggers.IsConfigured(pool, UserPoolTrigger.CustomMessage))
        {
            return (subject, body);
        }

        var invitation = origin.TriggerSource == AdminCreateUserSource;
        var request = new JsonObject
        {
            ["userAttributes"] = PostConfirmation.CurrentAttributes(user),
            ["codeParameter"] = CodeParameter,
            ["linkParameter"] = LinkParameter,
            ["usernameParameter"] = invitation ? UsernameParameter : null,
        }.WithClientMetadata(origin.ClientMetadata);
        var prefill = new JsonObject { ["smsMessage"] = null, ["emailMessage"] = null, ["emailSubject"] = null };
        var response = await triggers.InvokeAsync(pool, UserPoolTrigger.CustomMessage, origin.TriggerSource, user.Username, origin.ClientId, request, prefill, ct);
        if (response is null)
        {
            return (subject, body);
        }

        var sms = medium == DeliveryMediumType.SMS;
        var field = sms ? "smsMessage" : "emailMessage";
        var text = TriggerResponse.Text(response, field);
        var emailSubject = TriggerResponse.Text(response, "emailSubject");
        if (text is not null)
        {
            Require(text, field, CodeParameter);
            if (invitation)
            {
                Require(text, field, UsernameParameter);
            }
        }

        return (sms ? null : emailSubject ?? subject, text ?? body);
    }

    private static void Require(string text, string field, string placeholder)
    {
        if (!text.Contains(placeholder, StringComparison.Ordinal))
        {
            throw CognitoErrors.TriggerMessageWithoutPlaceholder(field, placeholder);
        }
    }
}
