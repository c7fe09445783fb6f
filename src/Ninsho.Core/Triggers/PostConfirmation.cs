using System.Text.Json.Nodes;
using Ninsho.Core.Pools;
using Ninsho.Storage;

namespace Ninsho.Core.Triggers;

/// <summary>The post confirmation trigger (docs/triggers.md#postconfirmation): runs after a user confirmed their
/// sign-up or reset their password, with the confirmed user's current attributes. Its answer is not read.</summary>
internal static class PostConfirmation
{
    public const string ConfirmSignUpSource = "PostConfirmation_ConfirmSignUp";
    public const string ConfirmForgotPasswordSource = "PostConfirmation_ConfirmForgotPassword";

    /// <summary>Runs the trigger for <paramref name="user"/> as it is after the change was written, so a failing
    /// function leaves the confirmation (or new password) in place and only the caller sees the error. Does nothing
    /// when the pool has no post confirmation function.</summary>
    public static async Task RunAsync(
        LambdaTriggers triggers, UserPoolSettings pool, string triggerSource, StoredUser user, string? clientId,
        IReadOnlyDictionary<string, string>? clientMetadata, CancellationToken ct)
    {
        if (!LambdaTriggers.IsConfigured(pool, UserPoolTrigger.PostConfirmation))
        {
            return;
        }

        var request = new JsonObject { ["userAttributes"] = CurrentAttributes(user) }.WithClientMetadata(clientMetadata);
        _ = await triggers.InvokeAsync(pool, UserPoolTrigger.PostConfirmation, triggerSource, user.Username, clientId, request, [], ct);
    }

    /// <summary>The user's attributes (with <c>sub</c>) plus <c>cognito:user_status</c>, as the confirmed user's
    /// event carries them.</summary>
    public static JsonObject CurrentAttributes(StoredUser user)
    {
        var attributes = TriggerEvents.UserAttributes(user.Attributes);
        attributes["sub"] = user.Sub;
        attributes["cognito:user_status"] = user.Status;
        return attributes;
    }
}
