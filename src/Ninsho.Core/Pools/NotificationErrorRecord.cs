using System.Text.Json;

namespace Ninsho.Core.Pools;

/// <summary>A message delivery error: configured source <c>userNotification</c>, <c>USER_NOTIFICATION</c> at
/// <c>ERROR</c>, with <c>message.details</c>.</summary>
public sealed record NotificationErrorRecord(string UserPoolId, DateTimeOffset At, string Details) : PoolLogRecord(UserPoolId, At)
{
    public const string Source = "userNotification";

    public override string ConfiguredSource => Source;

    protected override string RecordSource => "USER_NOTIFICATION";

    protected override string LogLevel => "ERROR";

    protected override void WriteMessage(Utf8JsonWriter json) => json.WriteString("details", Details);
}
