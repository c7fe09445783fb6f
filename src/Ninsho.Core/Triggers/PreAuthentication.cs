using System.Text.Json.Nodes;
using Ninsho.Core.SignIn;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Triggers;

/// <summary>The pre authentication trigger (docs/triggers.md#preauthentication): runs before the password or SRP
/// proof is checked; a throw refuses the sign-in. Nothing in its answer is read.</summary>
internal static class PreAuthentication
{
    public const string Source = "PreAuthentication_Authentication";

    /// <summary>Runs the trigger for <paramref name="user"/>, or for an unknown user (null) only when the client hides
    /// existence (then with <c>userNotFound: true</c>). <c>validationData</c> is the InitiateAuth ClientMetadata.</summary>
    public static async Task RunAsync(LambdaTriggers triggers, SignInContext signIn, StoredUser? user, string username, CancellationToken ct)
    {
        if (!LambdaTriggers.IsConfigured(signIn.Pool, UserPoolTrigger.PreAuthentication))
        {
            return;
        }

        var hidden = signIn.Client.PreventUserExistenceErrors == PreventUserExistenceErrorTypes.ENABLED;
        if (user is null && !hidden)
        {
            return;
        }

        var request = new JsonObject { ["userAttributes"] = TriggerEvents.UserAttributes(user is null ? Enumerable.Empty<KeyValuePair<string, string>>() : SignedInUserAttributes.Of(user)) };
        request["validationData"] = TriggerEvents.StringMap(signIn.ClientMetadata);
        if (hidden)
        {
            request["userNotFound"] = user is null;
        }

        _ = await triggers.InvokeAsync(
            signIn.Pool, UserPoolTrigger.PreAuthentication, Source, user?.Username ?? username, signIn.Client.ClientId, request, [], ct);
    }
}
