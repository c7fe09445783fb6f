using System.Text.Json.Nodes;
using Ninsho.Core.SignIn;
using Ninsho.Storage;

namespace Ninsho.Core.Triggers;

/// <summary>The post authentication trigger (docs/triggers.md#postauthentication): runs when a sign-in ends in tokens,
/// after pre token generation and before the tokens are returned; a failure fails the sign-in. Nothing in its answer
/// is read.</summary>
internal static class PostAuthentication
{
    public const string Source = "PostAuthentication_Authentication";

    /// <summary><paramref name="rememberedDevice"/>: the sign-in proved a remembered device (DEVICE_SRP_AUTH);
    /// <c>newDeviceUsed</c> is sent only when the pool tracks devices.</summary>
    public static async Task RunAsync(LambdaTriggers triggers, SignInContext signIn, StoredUser user, bool rememberedDevice, CancellationToken ct)
    {
        if (!LambdaTriggers.IsConfigured(signIn.Pool, UserPoolTrigger.PostAuthentication))
        {
            return;
        }

        var request = new JsonObject { ["userAttributes"] = TriggerEvents.UserAttributes(SignedInUserAttributes.Of(user)) };
        if (signIn.Pool.Config.DeviceConfiguration is not null)
        {
            request["newDeviceUsed"] = !rememberedDevice;
        }

        _ = request.WithClientMetadata(signIn.TriggerClientMetadata);
        _ = await triggers.InvokeAsync(signIn.Pool, UserPoolTrigger.PostAuthentication, Source, user.Username, signIn.Client.ClientId, request, [], ct);
    }
}
