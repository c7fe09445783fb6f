using System.Text.Json.Nodes;
using Ninsho.Protocol.Errors;

namespace Ninsho.Core.Messages;

/// <summary>Cognito's per-user hourly limit on codes a user asks for (ForgotPassword, ResendConfirmationCode,
/// GetUserAttributeVerificationCode; docs/cognito-behaviour.md#codes-sign-up-and-password-reset): at most <see cref="PerHour"/> of each purpose in any
/// sliding hour, after which LimitExceededException "Attempt limit exceeded, please try after some time.". The
/// request times live on the user (ExtraJson <c>codeRequests.&lt;purpose&gt;</c>), so every node counts the same.</summary>
internal static class CodeRequestLimit
{
    /// <summary>Requests allowed per user, purpose and hour: the DG's quota for ResendConfirmationCode and
    /// GetUserAttributeVerificationCode, applied to ForgotPassword too.</summary>
    public const int PerHour = 5;

    private const string Key = "codeRequests";
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>The ExtraJson with this request counted; throws LimitExceededException when the hour's quota is spent.</summary>
    public static string Count(string? extraJson, string purpose, DateTimeOffset now)
    {
        var root = extraJson is { Length: > 0 } && JsonNode.Parse(extraJson) is JsonObject o ? o : [];
        var requests = root[Key] as JsonObject ?? [];
        root[Key] = requests;
        var since = (now - Window).ToUnixTimeMilliseconds();
        var recent = new JsonArray();
        foreach (var at in (requests[purpose] as JsonArray ?? []).Select(n => n?.GetValue<long>() ?? 0).Where(at => at > since))
        {
            recent.Add(at);
        }

        if (recent.Count >= PerHour)
        {
            throw CognitoErrors.AttemptLimitExceeded();
        }

        recent.Add(now.ToUnixTimeMilliseconds());
        requests[purpose] = recent;
        return root.ToJsonString();
    }
}
