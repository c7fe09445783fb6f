namespace Ninsho.Storage;

/// <summary>One recorded authentication event of a user (AdminListUserAuthEvents).</summary>
public sealed record StoredAuthEvent
{
    public required string UserPoolId { get; init; }
    public required string UsernameKey { get; init; }

    /// <summary>Unique within the user's events.</summary>
    public required string EventId { get; init; }

    /// <summary>Cognito's EventType, e.g. <c>SignIn</c>.</summary>
    public required string EventType { get; init; }

    /// <summary>Cognito's EventResponseType: <c>Pass</c>, <c>Fail</c> or <c>InProgress</c>.</summary>
    public required string EventResponse { get; init; }

    /// <summary>Kept at millisecond precision.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The rest of the event (risk, challenge responses, context data, feedback) as an opaque JSON
    /// document owned by Ninsho.Core.</summary>
    public required string DetailJson { get; init; }
}
