using System.Globalization;
using System.Text.Json;

namespace Ninsho.Core.Pools;

/// <summary>A user's sign-in event as threat protection exports it: configured source <c>userAuthEvents</c>,
/// <c>USER_ACTIVITY</c> at <c>INFO</c>. Ninsho assesses no risk: the decision is always the documented no-risk one.</summary>
public sealed record UserActivityRecord(string UserPoolId, DateTimeOffset At) : PoolLogRecord(UserPoolId, At)
{
    public const string Source = "userAuthEvents";

    public required string EventId { get; init; }

    public required string EventType { get; init; }

    /// <summary>Pass, Fail or InProgress.</summary>
    public required string EventResponse { get; init; }

    public string? UserSub { get; init; }

    public required string UserName { get; init; }

    public string? ClientId { get; init; }

    public string? IpAddress { get; init; }

    public string? RequestId { get; init; }

    /// <summary>The challenges answered: name (Password, Mfa) and response (Success, Failure).</summary>
    public IReadOnlyList<(string Name, string Response)> Challenges { get; init; } = [];

    public override string ConfiguredSource => Source;

    protected override string RecordSource => "USER_ACTIVITY";

    protected override string LogLevel => "INFO";

    protected override void WriteMessage(Utf8JsonWriter json)
    {
        json.WriteString("version", "1");
        json.WriteString("eventId", EventId);
        json.WriteString("eventType", EventType);
        json.WriteString("userSub", UserSub);
        json.WriteString("userName", UserName);
        json.WriteString("userPoolId", UserPoolId);
        json.WriteString("clientId", ClientId);

        // As the documented example writes it (Java's Date.toString in UTC): "Wed Jul 17 17:25:55 UTC 2024".
        json.WriteString("creationDate", At.UtcDateTime.ToString("ddd MMM dd HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture));
        json.WriteString("eventResponse", EventResponse);
        json.WriteString("riskLevel", string.Empty);
        json.WriteString("riskDecision", "PASS");
        json.WriteStartArray("challenges");
        foreach (var (name, response) in Challenges)
        {
            json.WriteStartObject();
            json.WriteString("challengeName", name);
            json.WriteString("challengeResponse", response);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNull("deviceName");
        json.WriteString("ipAddress", IpAddress);
        json.WriteString("requestId", RequestId);
        json.WriteString("idpName", string.Empty);
        json.WriteString("compromisedCredentialDetected", "false");
        json.WriteNull("city");
        json.WriteNull("country");
        json.WriteString("eventFeedbackValue", string.Empty);
        json.WriteString("eventFeedbackDate", string.Empty);
        json.WriteString("eventFeedbackProvider", string.Empty);
        json.WriteString("hasContextData", "false");
    }
}
