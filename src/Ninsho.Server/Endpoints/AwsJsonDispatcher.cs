using System.Buffers;
using System.Text.Json;
using Ninsho.Core.Diagnostics;
using Ninsho.Core.Security;
using Ninsho.Core.Security.Kms;
using Ninsho.Core.Signing;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.Identity;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Server.Hosting;
using Ninsho.Server.Quotas;

namespace Ninsho.Server.Endpoints;

/// <summary>The one entry point of the AWS JSON 1.1 protocol: <c>POST /</c> with an X-Amz-Target.
/// Extract (target, body) → Validate and Handle (the generated descriptor) → Apply (response or error).</summary>
internal sealed partial class AwsJsonDispatcher(IServiceProvider services, NinshoServerOptions options, ServerClock clock, ILogger<AwsJsonDispatcher> logger, ILoggerFactory loggers)
{
    /// <summary>The one <c>request</c> event per call (docs/operations.md#logs); on only with <c>--log-format json</c>.</summary>
    private readonly ILogger requests = loggers.CreateLogger(RequestLog.Category);

    private readonly SigV4Verifier? signatures = options.SigV4Credentials.Count > 0 ? new SigV4Verifier(options.SigV4Credentials, clock.Real) : null;

    /// <summary>The request-rate quotas, or null when <c>--quotas</c> is off (nothing is counted then).</summary>
    private readonly RequestQuotas? quotas = options.Quotas == QuotaMode.Cognito ? new RequestQuotas(clock.Real) : null;

    /// <summary>The operator routes' access rules, which also guard KMS Decrypt (it opens sender codes).</summary>
    private readonly OperatorAccess operatorAccess = new(options, clock);

    private const string JsonContentType = "application/x-amz-json-1.1";

    /// <summary>How much of an oversized body is read and thrown away before answering 413.</summary>
    internal const long DrainLimit = 16 * 1024 * 1024;

    /// <summary>The longest <c>x-amzn-ErrorMessage</c> header written.</summary>
    internal const int MaxHeaderMessage = 1024;

    // A Dictionary, not a FrozenDictionary: freezing analyses the ~130 targets for a cheaper hash, a few ms of the
    // first request (bench/README.md, "Where the cold start goes") for nanoseconds per lookup.
    private static readonly Dictionary<string, OperationDescriptor> Operations =
        IdentityProviderOperations.ByTarget.Concat(IdentityOperations.ByTarget)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public async Task HandleAsync(HttpContext http)
    {
        var requestId = RequestIds.Of(http);
        http.Response.Headers[RequestIds.Header] = requestId;
        var target = http.Request.Headers["X-Amz-Target"].ToString();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var logged = requests.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Error);
        var pool = string.Empty;
        var outcome = Ok;
        var operationName = UnknownOperation;
        try
        {
            if (string.Equals(target, KmsDecrypt.Target, StringComparison.Ordinal))
            {
                operationName = DecryptOperation;
                NameSpan(operationName);
                await DecryptAsync(http);
                return;
            }

            if (!Operations.TryGetValue(target, out var operation))
            {
                throw CognitoErrors.UnknownOperation(target);
            }

            operationName = operation.Name;
            NameSpan(operationName);

            using var body = await ReadBodyAsync(http.Request, options.MaxRequestBodyBytes, http.RequestAborted);
            if (logged)
            {
                pool = RequestLog.PoolOf(body.Memory.Span);
            }

            if (!operation.IsPublic && signatures is not null)
            {
                CheckSignature(http.Request, body.Memory);
            }

            if (quotas is not null && !quotas.TryAdmit(target, body.Memory.Span))
            {
                throw CognitoErrors.TooManyRequests();
            }

            var context = new OperationContext
            {
                RequestId = requestId,
                OperationName = operation.Name,
                RemoteAddress = http.Connection.RemoteIpAddress?.ToString(),
                SignedRegion = SignedRegion(http.Request.Headers.Authorization.ToString()),
            };
            var response = await operation.InvokeAsync(services, body.Memory, context, http.RequestAborted);
            await WriteAnswerAsync(http, StatusCodes.Status200OK, response, http.RequestAborted);
            StartupTrace.FirstRequest();
        }
        catch (CognitoException e)
        {
            outcome = e.Type;
            await WriteErrorAsync(http, e);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own limits (body larger than the drain limit, malformed framing).
            http.Response.Headers.Connection = "close";
            var error = e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? CognitoErrors.RequestTooLarge(options.MaxRequestBodyBytes)
                : CognitoErrors.RequestUnreadable();
            outcome = error.Type;
            await WriteErrorAsync(http, error);
        }
        catch (CallerLeftException)
        {
            // Found gone before a password hash: close the connection instead of answering nobody.
            outcome = Aborted;
            http.Abort();
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
            outcome = Aborted;
        }
        catch (Exception e) when (DatabaseFault.Classify(e) is { } fault)
        {
            LogDatabaseFault(logger, e, fault.Condition, target, requestId);
            var error = CognitoErrors.DatabaseUnavailable(fault.Message);
            outcome = error.Type;
            await WriteErrorAsync(http, error);
        }
        catch (Exception e)
        {
            LogUnexpected(logger, e, target, requestId);
            var error = CognitoErrors.Internal();
            outcome = error.Type;
            await WriteErrorAsync(http, error);
        }
        finally
        {
            // The one place every call ends: the metrics and the JSON request event see the same operation and outcome.
            NinshoTelemetry.RecordRequest(operationName, outcome, started);
            if (!ReferenceEquals(outcome, Ok))
            {
                MarkSpanFailed(outcome, http.Response.StatusCode);
            }

            if (logged)
            {
                http.Items[RequestLog.Written] = true;
                LogRequest(http, target, outcome, pool, requestId, started);
            }
        }
    }

    private const string Ok = "ok";

    /// <summary>The operation name of metrics and spans for a target that is no operation (a caller's free text never
    /// becomes a metric label).</summary>
    private const string UnknownOperation = "unknown";

    private const string DecryptOperation = "Decrypt";

    /// <summary>Names the request's span (ASP.NET Core's, when tracing is on) after the operation, with the RPC tags
    /// of OpenTelemetry's semantic conventions.</summary>
    private static void NameSpan(string operationName)
    {
        if (System.Diagnostics.Activity.Current is { IsAllDataRequested: true } span)
        {
            span.DisplayName = operationName;
            _ = span.SetTag("rpc.system", "aws-api").SetTag("rpc.method", operationName).SetTag("ninsho.operation", operationName);
        }
    }

    /// <summary>Marks the request's span with the error type answered; a 5xx answer also sets its status to Error.</summary>
    private static void MarkSpanFailed(string outcome, int status)
    {
        if (System.Diagnostics.Activity.Current is { IsAllDataRequested: true } span)
        {
            _ = span.SetTag("error.type", outcome);
            if (status >= 500)
            {
                _ = span.SetStatus(System.Diagnostics.ActivityStatusCode.Error, outcome);
            }
        }
    }

    /// <summary>The outcome of a call whose caller left before it was answered.</summary>
    private const string Aborted = "aborted";

    /// <summary>Writes the call's <c>request</c> event: Information, or Error for a 5xx answer.</summary>
    private void LogRequest(HttpContext http, string target, string outcome, string pool, string requestId, long started)
    {
        var status = http.Response.StatusCode;
        var operation = target.AsSpan(target.IndexOf('.', StringComparison.Ordinal) + 1);
        var name = operation.Length is > 0 and <= 64 && !operation.ContainsAnyExcept(OperationNameChars) ? operation.ToString() : "unknown";
        var durationMs = Math.Round(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2);
        RequestLog.Request(requests, status >= 500 ? Microsoft.Extensions.Logging.LogLevel.Error : Microsoft.Extensions.Logging.LogLevel.Information, "request", name, outcome, status, durationMs, pool, requestId);
    }

    /// <summary>An operation name is letters and digits; any other target is logged as <c>unknown</c>.</summary>
    private static readonly SearchValues<char> OperationNameChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    /// <summary>KMS Decrypt for custom sender functions (docs/triggers.md#the-encrypted-code), allowed to whom the
    /// operator routes are: callers on this machine, or SigV4 by a configured key.</summary>
    private async Task DecryptAsync(HttpContext http)
    {
        using var body = await ReadBodyAsync(http.Request, options.MaxRequestBodyBytes, http.RequestAborted);
        if (operatorAccess.Refusal(http, body.Memory) is { } refusal)
        {
            throw CognitoErrors.KmsAccessDenied(refusal);
        }

        var answer = await KmsDecrypt.AnswerAsync(services.GetRequiredService<LocalKms>(), body.Memory);
        await WriteAnswerAsync(http, StatusCodes.Status200OK, answer, http.RequestAborted);
    }

    private void CheckSignature(HttpRequest request, ReadOnlyMemory<byte> body)
    {
        var headers = request.Headers;
        var signed = new SigV4Request(request.Method, request.Path.Value ?? "/", request.QueryString.Value?.TrimStart('?') ?? string.Empty,
            name => headers.TryGetValue(name, out var v) ? v.ToString() : null, body);
        switch (signatures!.Verify(signed))
        {
            case SigV4Result.Valid:
                return;
            case SigV4Result.Missing:
                throw CognitoErrors.MissingAuthenticationToken();
            case SigV4Result.UnknownAccessKey:
                throw CognitoErrors.UnrecognizedClient();
            case SigV4Result.Expired:
                throw CognitoErrors.SignatureExpired(SigV4Verifier.SignedAt(signed));
            default:
                throw CognitoErrors.InvalidSignature();
        }
    }

    public static async Task WriteErrorAsync(HttpContext http, CognitoException error)
    {
        if (http.Response.HasStarted)
        {
            return;
        }

        http.Response.Headers["x-amzn-ErrorType"] = error.Type + ":";
        http.Response.Headers["x-amzn-ErrorMessage"] = SafeHeader(error.Message);
        using var buffer = new RequestBuffer(256);
        await using (var writer = new Utf8JsonWriter(buffer.Stream))
        {
            writer.WriteStartObject();
            writer.WriteString("__type", error.Type);
            writer.WriteString("message", error.Message);
            writer.WriteEndObject();
        }

        await WriteAnswerAsync(http, error.StatusCode, buffer.Memory, CancellationToken.None);
    }

    /// <summary>Every JSON answer, success or error: framed by Content-Length, as the whole body is at hand
    /// (docs/cognito-behaviour.md#aws-json-request-envelope).</summary>
    private static async Task WriteAnswerAsync(HttpContext http, int status, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = JsonContentType;
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, ct);
    }

    /// <summary>The region of a SigV4 credential scope: <c>Credential=AKID/20261123/REGION/cognito-idp/aws4_request</c>.</summary>
    internal static string? SignedRegion(string authorization)
    {
        var at = authorization.IndexOf("Credential=", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var parts = authorization[(at + "Credential=".Length)..].Split([',', ' '], 2)[0].Split('/');
        return parts.Length == 5 && parts[2].Length is > 0 and <= 32 && parts[2].All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            ? parts[2]
            : null;
    }

    /// <summary>The message as a header value: printable ASCII, and at most <see cref="MaxHeaderMessage"/>
    /// characters, since a message may echo a huge input and clients refuse long headers (the body keeps it all;
    /// docs/security-input-validation.md).</summary>
    private static string SafeHeader(string message)
    {
        const string Cut = "...";
        var length = message.Length <= MaxHeaderMessage ? message.Length : MaxHeaderMessage - Cut.Length;
        Span<char> chars = stackalloc char[MaxHeaderMessage];
        for (var i = 0; i < length; i++)
        {
            var c = message[i];
            chars[i] = c is >= ' ' and <= '~' ? c : '?';
        }

        if (length < message.Length)
        {
            Cut.CopyTo(chars[length..]);
            length += Cut.Length;
        }

        return new string(chars[..length]);
    }

    /// <summary>Reads the body, up to <paramref name="limit"/> bytes. A larger body is read to its end (up to
    /// <see cref="DrainLimit"/>) and discarded before the 413 is sent, so the client reads the answer instead of
    /// a reset connection.</summary>
    private static async Task<RequestBuffer> ReadBodyAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        var body = new RequestBuffer((int)Math.Min(request.ContentLength ?? 4096, limit) + 1);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            long total = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                if (total > DrainLimit)
                {
                    request.HttpContext.Response.Headers.Connection = "close";
                    break;
                }

                if (total <= limit)
                {
                    body.Stream.Write(buffer, 0, read);
                }
            }

            if (total > limit)
            {
                throw CognitoErrors.RequestTooLarge(limit);
            }

            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [LoggerMessage(EventId = 1, Level = Microsoft.Extensions.Logging.LogLevel.Error, Message = "Unexpected error in {Target} (request {RequestId})")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string target, string requestId);

    [LoggerMessage(EventId = 2, Level = Microsoft.Extensions.Logging.LogLevel.Error, Message = "Database unavailable: {Condition}, in {Target} (request {RequestId})")]
    private static partial void LogDatabaseFault(ILogger logger, Exception exception, string condition, string target, string requestId);
}
