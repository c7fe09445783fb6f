using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Ninsho.Core.Pools;
using Ninsho.Protocol.Errors;
using Ninsho.Storage;

namespace Ninsho.Core.Triggers;

/// <summary>Runs a pool's Lambda triggers (docs/triggers.md): builds the event, calls the function (Lambda Invoke API
/// or webhook) with Cognito's 5-second budget, records the call in the invocation log, and turns every failure into
/// the error Cognito answers. The one entry point for every trigger in Core.</summary>
internal sealed partial class LambdaTriggers(
    NinshoCoreOptions options, TriggerHttpClient http, INinshoStorage storage, TimeProvider clock, ILogger<LambdaTriggers> logger, PoolLogExport logs)
{
    /// <summary>Cognito's budget for one invocation; it cannot be configured (docs/triggers.md#how-a-trigger-runs).</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    /// <summary>Invocation log entries kept per pool; older ones are deleted as new ones come.</summary>
    public const int LogEntriesPerPool = 200;

    /// <summary>True when the pool names a function for <paramref name="trigger"/>.</summary>
    public static bool IsConfigured(UserPoolSettings pool, UserPoolTrigger trigger) =>
        UserPoolTriggers.FunctionArn(pool.Config.LambdaConfig, trigger) is not null;

    /// <summary>Runs <paramref name="trigger"/> of <paramref name="pool"/> with the event of
    /// <see cref="TriggerEvents.Envelope"/> and returns the function's <c>response</c> object (empty when the
    /// function left it out), or null when the pool has no function for the trigger (then do Cognito's default).
    /// Throws the CognitoException Cognito answers when the call fails (docs/triggers.md#errors). <paramref name="version"/>
    /// is the event's <c>version</c> ("2"/"3" for pre token generation V2_0/V3_0).</summary>
    public async Task<JsonObject?> InvokeAsync(
        UserPoolSettings pool, UserPoolTrigger trigger, string triggerSource, string? userName, string? clientId,
        JsonObject request, JsonObject response, CancellationToken ct, string version = "1")
    {
        ArgumentNullException.ThrowIfNull(pool);
        var functionArn = UserPoolTriggers.FunctionArn(pool.Config.LambdaConfig, trigger);
        if (functionArn is null)
        {
            return null;
        }

        var evt = TriggerEvents.Envelope(pool.Id, triggerSource, userName, clientId, request, response, version);
        var eventJson = evt.ToJsonString();
        var startedAt = clock.GetUtcNow();
        var started = clock.GetTimestamp();
        var target = TriggerTarget.Resolve(functionArn, options.LambdaEndpoint, options.TriggerWebhooks, options.DefaultRegion);
        string? body = null;
        try
        {
            if (target is null)
            {
                LogNotReachable(logger, trigger.ToString(), functionArn, pool.Id);
                throw CognitoErrors.TriggerNotReachable(trigger.ToString());
            }

            var answer = await CallAsync(target, trigger, Encoding.UTF8.GetBytes(eventJson), ct);
            body = answer.Body;
            var result = Read(trigger, target, answer);
            await RecordAsync(pool.Id, triggerSource, functionArn, target, eventJson, body, null, startedAt, started, ct);
            return result;
        }
        catch (CognitoException e)
        {
            await RecordAsync(pool.Id, triggerSource, functionArn, target, eventJson, body, e, startedAt, started, ct);
            throw;
        }
    }

    /// <summary>Runs <paramref name="trigger"/> asynchronously, as Cognito runs the custom senders: Invoke with
    /// <c>X-Amz-Invocation-Type: Event</c> (a webhook gets the same POST), whose 202 means "queued". The event has no
    /// <c>response</c> and nothing is read back. Never throws a CognitoException: a failure to invoke (or
    /// <paramref name="refusal"/>, a reason not to call at all) is only logged and recorded in the invocation log.</summary>
    public async Task InvokeEventAsync(
        UserPoolSettings pool, UserPoolTrigger trigger, string triggerSource, string? userName, string? clientId, JsonObject request,
        CancellationToken ct, CognitoException? refusal = null)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var functionArn = UserPoolTriggers.FunctionArn(pool.Config.LambdaConfig, trigger);
        if (functionArn is null)
        {
            return;
        }

        var evt = TriggerEvents.Envelope(pool.Id, triggerSource, userName, clientId, request, []);
        _ = evt.Remove("response");
        var eventJson = evt.ToJsonString();
        var startedAt = clock.GetUtcNow();
        var started = clock.GetTimestamp();
        var target = TriggerTarget.Resolve(functionArn, options.LambdaEndpoint, options.TriggerWebhooks, options.DefaultRegion);
        string? body = null;
        try
        {
            if (refusal is not null)
            {
                throw refusal;
            }

            if (target is null)
            {
                LogNotReachable(logger, trigger.ToString(), functionArn, pool.Id);
                throw CognitoErrors.TriggerNotReachable(trigger.ToString());
            }

            var answer = await CallAsync(target, trigger, Encoding.UTF8.GetBytes(eventJson), ct, TriggerHttpClient.Event);
            body = answer.Body;
            if (answer.Status is < 200 or >= 300 || answer.FunctionError is not null)
            {
                throw target.IsWebhook && ErrorMessage(answer.Body) is { } message
                    ? CognitoErrors.TriggerFunctionFailed(trigger.ToString(), message)
                    : CognitoErrors.TriggerInvocationFailed(trigger.ToString(), InvokeErrorCode(answer));
            }

            await RecordAsync(pool.Id, triggerSource, functionArn, target, eventJson, body, null, startedAt, started, ct);
        }
        catch (CognitoException e)
        {
            LogEventFailed(logger, triggerSource, pool.Id, e.Message);

            // Only the custom senders run asynchronously: their failure is a message not delivered (userNotification).
            logs.DeliveryFailed(pool.Id, clock.GetUtcNow(), $"{triggerSource} for user {userName} failed; the message was not delivered: {e.Message}");
            await RecordAsync(pool.Id, triggerSource, functionArn, target, eventJson, body, e, startedAt, started, ct);
        }
    }

    private async Task<TriggerHttpAnswer> CallAsync(
        TriggerTarget target, UserPoolTrigger trigger, byte[] eventJson, CancellationToken ct, string invocationType = TriggerHttpClient.RequestResponse)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(Budget);
        try
        {
            return await http.PostAsync(target, eventJson, budget.Token, invocationType);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            LogFailed(logger, trigger.ToString(), target.Url, "no answer within 5 s");
            throw CognitoErrors.TriggerTimedOut(trigger.ToString());
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException)
        {
            LogFailed(logger, trigger.ToString(), target.Url, e.Message);
            throw CognitoErrors.TriggerUnreachable(trigger.ToString());
        }
    }

    /// <summary>The <c>response</c> of a successful answer, or the error Cognito gives for the answer.</summary>
    private static JsonObject Read(UserPoolTrigger trigger, TriggerTarget target, TriggerHttpAnswer answer)
    {
        var name = trigger.ToString();
        if (answer.FunctionError is not null)
        {
            throw CognitoErrors.TriggerFunctionFailed(name, ErrorMessage(answer.Body) ?? answer.Body.Trim());
        }

        if (answer.Status is < 200 or >= 300)
        {
            // A webhook refuses as a function does: any status with {"errorMessage": "..."}.
            if (target.IsWebhook && ErrorMessage(answer.Body) is { } message)
            {
                throw CognitoErrors.TriggerFunctionFailed(name, message);
            }

            throw CognitoErrors.TriggerInvocationFailed(name, InvokeErrorCode(answer));
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(answer.Body);
        }
        catch (JsonException)
        {
            throw CognitoErrors.TriggerInvalidJson();
        }

        return root switch
        {
            null => throw CognitoErrors.TriggerInvalidJson(),
            JsonObject { } evt => evt["response"] switch
            {
                null => [],
                JsonObject r => r,
                _ => throw CognitoErrors.TriggerUnrecognizableOutput(),
            },
            _ => throw CognitoErrors.TriggerUnrecognizableOutput(),
        };
    }

    /// <summary>The <c>errorMessage</c> of a function error body (Node's and Python's both carry it).</summary>
    private static string? ErrorMessage(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject o && o["errorMessage"] is JsonValue v && v.GetValueKind() == JsonValueKind.String
                ? v.GetValue<string>()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Lambda's error type of a failed Invoke call: its <c>x-amzn-ErrorType</c> header, else the body's
    /// <c>__type</c>, else the type Lambda documents for the status.</summary>
    private static string InvokeErrorCode(TriggerHttpAnswer answer)
    {
        static string Clean(string type)
        {
            var colon = type.IndexOf(':', StringComparison.Ordinal);
            type = colon >= 0 ? type[..colon] : type;
            var hash = type.LastIndexOf('#');
            return hash >= 0 ? type[(hash + 1)..] : type;
        }

        if (answer.ErrorType is { Length: > 0 } header)
        {
            return Clean(header);
        }

        try
        {
            if (JsonNode.Parse(answer.Body) is JsonObject o && o["__type"] is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                return Clean(v.GetValue<string>());
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall back to the status.
        }

        return answer.Status switch
        {
            403 => "AccessDeniedException",
            404 => "ResourceNotFoundException",
            409 => "ResourceConflictException",
            413 => "RequestTooLargeException",
            429 => "TooManyRequestsException",
            >= 400 and < 500 => "InvalidRequestContentException",
            _ => "ServiceException",
        };
    }

    private async Task RecordAsync(
        string poolId, string triggerSource, string functionArn, TriggerTarget? target, string eventJson, string? body,
        CognitoException? error, DateTimeOffset startedAt, long started, CancellationToken ct)
    {
        var entry = new StoredTriggerInvocation
        {
            UserPoolId = poolId,
            TriggerSource = triggerSource,
            FunctionArn = functionArn,
            Target = target?.Url.ToString() ?? string.Empty,
            EventJson = eventJson,
            ResponseBody = body,
            ErrorType = error?.Type,
            ErrorMessage = error?.Message,
            DurationMs = (long)clock.GetElapsedTime(started).TotalMilliseconds,
            CreatedAt = startedAt,
        };
        Diagnostics.NinshoTelemetry.RecordTrigger(triggerSource, error?.Type ?? "ok", clock.GetElapsedTime(started).TotalSeconds);
        try
        {
            _ = await storage.TriggerInvocations.AddAsync(entry, LogEntriesPerPool, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The log is for developers: losing an entry must not change the caller's answer.
            LogNotRecorded(logger, triggerSource, poolId, e.Message);
        }
    }

    [LoggerMessage(EventId = 60, Level = LogLevel.Warning,
        Message = "{Trigger} of pool {PoolId} names {FunctionArn}, but neither --lambda-endpoint nor a --trigger-webhook for it is set: the operation fails")]
    private static partial void LogNotReachable(ILogger logger, string trigger, string functionArn, string poolId);

    [LoggerMessage(EventId = 61, Level = LogLevel.Warning, Message = "{Trigger} invocation at {Url} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string trigger, Uri url, string reason);

    [LoggerMessage(EventId = 63, Level = LogLevel.Warning, Message = "The asynchronous {TriggerSource} invocation of pool {PoolId} failed (the caller is not told): {Reason}")]
    private static partial void LogEventFailed(ILogger logger, string triggerSource, string poolId, string reason);

    [LoggerMessage(EventId = 62, Level = LogLevel.Warning, Message = "The {TriggerSource} invocation of pool {PoolId} was not recorded: {Reason}")]
    private static partial void LogNotRecorded(ILogger logger, string triggerSource, string poolId, string reason);
}
