namespace Ninsho.Storage;

/// <summary>One Lambda trigger invocation: the event sent, and the function's answer or the error.</summary>
public sealed record StoredTriggerInvocation
{
    /// <summary>Assigned by the store; grows with each invocation.</summary>
    public long Id { get; init; }

    public required string UserPoolId { get; init; }

    /// <summary>The event's <c>triggerSource</c>, e.g. <c>PreSignUp_SignUp</c>.</summary>
    public required string TriggerSource { get; init; }

    /// <summary>The function ARN from the pool's LambdaConfig.</summary>
    public required string FunctionArn { get; init; }

    /// <summary>Where the call went: the Invoke URL or the webhook URL; empty when nothing was configured.</summary>
    public required string Target { get; init; }

    /// <summary>The event as sent (JSON).</summary>
    public required string EventJson { get; init; }

    /// <summary>The body the function answered (raw, possibly not JSON); null when nothing came back.</summary>
    public string? ResponseBody { get; init; }

    /// <summary>The Cognito error type the caller got (e.g. <c>UserLambdaValidationException</c>); null on success.</summary>
    public string? ErrorType { get; init; }

    /// <summary>The caller's error message, or the invoke failure's detail.</summary>
    public string? ErrorMessage { get; init; }

    public required long DurationMs { get; init; }

    /// <summary>When the invocation started; kept at millisecond precision.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
