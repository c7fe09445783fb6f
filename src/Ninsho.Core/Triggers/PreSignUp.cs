using System.Text.Json.Nodes;
using Ninsho.Core.Pools;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Triggers;

/// <summary>The pre sign-up trigger (docs/triggers.md#presignup): the event of SignUp and AdminCreateUser, and what
/// its answer means.</summary>
internal static class PreSignUp
{
    public const string SignUpSource = "PreSignUp_SignUp";
    public const string AdminCreateUserSource = "PreSignUp_AdminCreateUser";

    /// <summary>A first sign-in through another identity provider (docs/federation.md).</summary>
    public const string ExternalProviderSource = "PreSignUp_ExternalProvider";

    /// <summary>Runs the trigger, before the user is written, with the attributes the caller submitted (not
    /// <c>sub</c>), <c>validationData</c> (a map, or null) and <c>clientMetadata</c> (only when sent). Null when the
    /// pool has no pre sign-up function.</summary>
    public static async Task<PreSignUpAnswer?> RunAsync(
        LambdaTriggers triggers, UserPoolSettings pool, string triggerSource, string userName, string? clientId,
        IReadOnlyDictionary<string, string> attributes, IEnumerable<AttributeType>? validationData,
        IReadOnlyDictionary<string, string>? clientMetadata, CancellationToken ct)
    {
        if (!LambdaTriggers.IsConfigured(pool, UserPoolTrigger.PreSignUp))
        {
            return null;
        }

        var request = new JsonObject { ["userAttributes"] = TriggerEvents.UserAttributes(attributes.Where(a => a.Key != "sub")) }
            .WithValidationData(validationData)
            .WithClientMetadata(clientMetadata);
        var prefill = new JsonObject { ["autoConfirmUser"] = false, ["autoVerifyEmail"] = false, ["autoVerifyPhone"] = false };
        var response = await triggers.InvokeAsync(pool, UserPoolTrigger.PreSignUp, triggerSource, userName, clientId, request, prefill, ct);
        return response is null
            ? null
            : new PreSignUpAnswer(
                TriggerResponse.Flag(response, "autoConfirmUser"),
                TriggerResponse.Flag(response, "autoVerifyEmail"),
                TriggerResponse.Flag(response, "autoVerifyPhone"));
    }
}
