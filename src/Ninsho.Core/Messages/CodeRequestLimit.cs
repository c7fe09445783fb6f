using System.Collections.Immutable;
using Ninsho.Core.Users;
using Ninsho.Protocol.Errors;

namespace Ninsho.Core.Messages;

/// <summary>Cognito's per-user hourly limit on codes a user asks for (ForgotPassword, ResendConfirmationCode,
/// GetUserAttributeVerificationCode; docs/cognito-behaviour.md#codes-sign-up-and-password-reset): at most <see cref="PerHour"/> of each purpose in any
/// sliding hour, after which LimitExceededException "Attempt limit exceeded, please try after some time.". The
/// request times live on the user (<see cref="UserState.CodeRequests"/>, <c>codeRequests.&lt;purpose&gt;</c>), so every node counts the same.</summary>
internal static class CodeRequestLimit
{
    /// <summary>Requests allowed per user, purpose and hour: the DG's quota for ResendConfirmationCode and
    /// GetUserAttributeVerificationCode, applied to ForgotPassword too.</summary>
    public const int PerHour = 5;

    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>The state with this request counted; throws LimitExceededException when the hour's quota is spent.</summary>
    public static UserState Count(UserState state, string purpose, DateTimeOffset now)
    {
        var requests = state.CodeRequests ?? ImmutableDictionary<string, ImmutableArray<long>>.Empty;
        var since = (now - Window).ToUnixTimeMilliseconds();
        var recent = requests.GetValueOrDefault(purpose, []).Where(at => at > since).ToImmutableArray();
        if (recent.Length >= PerHour)
        {
            throw CognitoErrors.AttemptLimitExceeded();
        }

        return state with { CodeRequests = requests.SetItem(purpose, recent.Add(now.ToUnixTimeMilliseconds())) };
    }
}
