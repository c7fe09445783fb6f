namespace Ninsho.Core.Triggers;

/// <summary>Where one function is called: through the Lambda Invoke API, or as a webhook (docs/triggers.md#how-a-trigger-runs).</summary>
/// <param name="Url">The Invoke URL, or the webhook's URL.</param>
/// <param name="IsWebhook">True for a webhook: a plain JSON POST, unsigned.</param>
/// <param name="SigningRegion">The region the Invoke call is signed for (from the ARN).</param>
internal sealed record TriggerTarget(Uri Url, bool IsWebhook, string SigningRegion)
{
    /// <summary>The target of <paramref name="functionArn"/>: the webhook mapped to its ARN, its name with qualifier
    /// or its bare name (in that order), else the Invoke URL at <paramref name="lambdaEndpoint"/>; null when neither
    /// is configured.</summary>
    public static TriggerTarget? Resolve(string functionArn, Uri? lambdaEndpoint, IReadOnlyDictionary<string, Uri> webhooks, string defaultRegion)
    {
        var region = UserPoolTriggers.Region(functionArn) ?? defaultRegion;
        foreach (var key in new[] { functionArn, UserPoolTriggers.FunctionName(functionArn, withQualifier: true), UserPoolTriggers.FunctionName(functionArn, withQualifier: false) })
        {
            if (webhooks.TryGetValue(key, out var webhook))
            {
                return new TriggerTarget(webhook, IsWebhook: true, region);
            }
        }

        if (lambdaEndpoint is null)
        {
            return null;
        }

        // FunctionName is a path label: escaped as the AWS SDKs escape it (every character but A-Z a-z 0-9 - _ . ~).
        var invoke = new Uri($"{lambdaEndpoint.ToString().TrimEnd('/')}/2015-03-31/functions/{Uri.EscapeDataString(functionArn)}/invocations");
        return new TriggerTarget(invoke, IsWebhook: false, region);
    }
}
