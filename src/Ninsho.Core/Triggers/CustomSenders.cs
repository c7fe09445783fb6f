using System.Text.Json.Nodes;
using Ninsho.Core.Pools;
using Ninsho.Core.Security.Kms;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Triggers;

/// <summary>The custom sender triggers (docs/triggers.md#customemailsender-and-customsmssender): with a
/// <c>CustomEmailSender</c> (or <c>CustomSMSSender</c>) in the pool's LambdaConfig, a code for that medium goes to the
/// function, encrypted as an AWS Encryption SDK message for the pool's <c>KMSKeyID</c>, instead of being sent; the
/// custom message trigger does not run for it. The call is asynchronous (Lambda's <c>Event</c>): the caller never sees
/// the function's failure, the invocation log does.</summary>
internal sealed class CustomSenders(LambdaTriggers triggers, LocalKms kms)
{
    public const string EmailRequestType = "customEmailSenderRequestV1";
    public const string SmsRequestType = "customSMSSenderRequestV1";

    /// <summary>Hands <paramref name="secret"/> (a code, or an HTML-escaped temporary password) to the pool's sender for
    /// <paramref name="medium"/> and returns true; false when the pool has no sender for it (then Ninsho sends the
    /// message itself). The source is the sender's prefix and the custom message source's case (<c>_SignUp</c>, …).</summary>
    public async Task<bool> TrySendAsync(UserPoolSettings pool, MessageOrigin origin, StoredUser user, string medium, string secret, CancellationToken ct)
    {
        var sms = medium == DeliveryMediumType.SMS;
        var trigger = sms ? UserPoolTrigger.CustomSMSSender : UserPoolTrigger.CustomEmailSender;
        if (!LambdaTriggers.IsConfigured(pool, trigger))
        {
            return false;
        }

        var underscore = origin.TriggerSource.IndexOf('_', StringComparison.Ordinal);
        var source = $"{trigger}{origin.TriggerSource[underscore..]}";
        var keyArn = pool.Config.LambdaConfig?.KMSKeyID;
        var request = new JsonObject
        {
            ["type"] = sms ? SmsRequestType : EmailRequestType,
            ["code"] = keyArn is { Length: > 0 } ? Convert.ToBase64String(await kms.EncryptSecretAsync(keyArn, pool.Id, secret)) : null,
            ["clientMetadata"] = TriggerEvents.StringMap(origin.ClientMetadata),
            ["userAttributes"] = PostConfirmation.CurrentAttributes(user),
        };
        await triggers.InvokeEventAsync(pool, trigger, source, user.Username, origin.ClientId, request, ct,
            refusal: keyArn is { Length: > 0 } ? null : CognitoErrors.TriggerSenderWithoutKmsKey(trigger.ToString()));
        return true;
    }
}
