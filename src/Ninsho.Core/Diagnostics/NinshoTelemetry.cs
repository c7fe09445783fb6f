using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Ninsho.Core.Diagnostics;

/// <summary>Ninsho's own metrics and trace spans (docs/operations.md#metrics-and-traces): one <see cref="Meter"/> and
/// one <see cref="ActivitySource"/>, both named <c>Ninsho</c>, with every instrument created once here. Nothing is
/// measured unless a listener (the OpenTelemetry SDK the host adds with <c>--metrics</c> or <c>--otlp-endpoint</c>)
/// subscribed: an instrument's <c>Add</c>/<c>Record</c> then returns at once, and <see cref="Source"/> hands out no
/// activity. Tags are <see cref="KeyValuePair{TKey, TValue}"/> structs with values from small fixed sets (operation
/// names, error types, flows), never a pool, user or client id.</summary>
public static class NinshoTelemetry
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "Ninsho";

    /// <summary>The meter of every instrument below.</summary>
    public static readonly Meter Meter = new(Name);

    /// <summary>The source of Ninsho's own spans (storage calls, password hashes, token signing).</summary>
    public static readonly ActivitySource Source = new(Name);

    /// <summary>Bucket bounds in seconds for the latency histograms: 0.5 ms to 10 s (the SDK's defaults are
    /// meant for milliseconds).</summary>
    private static readonly IReadOnlyList<double> SecondsBuckets =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly InstrumentAdvice<double> Seconds = new() { HistogramBucketBoundaries = SecondsBuckets };

    /// <summary>Requests answered and their latency, by <c>operation</c> and <c>outcome</c> (<c>ok</c>, a Cognito error
    /// type, <c>aborted</c>). Its count is the request count: no separate counter is recorded on every request.</summary>
    public static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>("ninsho.request.duration", "s", "Time from dispatch to answer of an API call", advice: Seconds);

    /// <summary>Sign-in steps by <c>flow</c> (AuthFlow or challenge name) and <c>result</c> (<c>tokens</c>,
    /// <c>challenge</c> or a Cognito error type).</summary>
    public static readonly Counter<long> SignIns = Meter.CreateCounter<long>("ninsho.sign_ins", "{sign_in}", "Sign-in steps by flow and result");

    /// <summary>Sign-ins refused because the user is locked out after failed attempts.</summary>
    public static readonly Counter<long> Lockouts = Meter.CreateCounter<long>("ninsho.lockouts", "{sign_in}", "Sign-ins refused by the failed-attempt lockout");

    /// <summary>Password hashes waiting for a free core (the hashing gate's queue).</summary>
    public static readonly UpDownCounter<long> HashQueue = Meter.CreateUpDownCounter<long>("ninsho.password_hash.queue", "{hash}", "Password hashes waiting for a free core");

    /// <summary>Time a password hash waited for a free core.</summary>
    public static readonly Histogram<double> HashWait = Meter.CreateHistogram<double>("ninsho.password_hash.wait", "s", "Time a password hash waited at the hashing gate", advice: Seconds);

    /// <summary>PBKDF2 time of a password hash or verification, by <c>operation</c> (<c>hash</c>, <c>verify</c>).</summary>
    public static readonly Histogram<double> HashDuration = Meter.CreateHistogram<double>("ninsho.password_hash.duration", "s", "PBKDF2 time of a password hash or verification", advice: Seconds);

    /// <summary>Password hashes refused at once because the gate's queue was full.</summary>
    public static readonly Counter<long> HashRejected = Meter.CreateCounter<long>("ninsho.password_hash.rejected", "{hash}", "Password hashes refused because the hashing queue was full");

    /// <summary>Storage call latency by <c>backend</c> (<c>sqlite</c>, <c>postgresql</c>) and <c>call</c>
    /// (<c>Users.FindAsync</c>, …).</summary>
    public static readonly Histogram<double> StorageDuration = Meter.CreateHistogram<double>("ninsho.storage.duration", "s", "Storage call latency by backend and call", advice: Seconds);

    /// <summary>Emails handed to SMTP by <c>result</c> (<c>sent</c>, <c>failed</c>).</summary>
    public static readonly Counter<long> Emails = Meter.CreateCounter<long>("ninsho.email.deliveries", "{message}", "Emails delivered through SMTP, by result");

    /// <summary>Lambda trigger invocations by <c>trigger</c> (the triggerSource) and <c>outcome</c>.</summary>
    public static readonly Counter<long> Triggers = Meter.CreateCounter<long>("ninsho.trigger.invocations", "{invocation}", "Lambda trigger invocations by trigger source and outcome");

    /// <summary>Lambda trigger latency, same tags as <see cref="Triggers"/>.</summary>
    public static readonly Histogram<double> TriggerDuration = Meter.CreateHistogram<double>("ninsho.trigger.duration", "s", "Lambda trigger invocation latency", advice: Seconds);

    /// <summary>Records one answered API call.</summary>
    public static void RecordRequest(string operation, string outcome, long startedTimestamp)
    {
        if (RequestDuration.Enabled)
        {
            RequestDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds,
                new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    /// <summary>Records one sign-in step.</summary>
    public static void RecordSignIn(string flow, string result)
    {
        if (SignIns.Enabled)
        {
            SignIns.Add(1, new KeyValuePair<string, object?>("flow", flow), new KeyValuePair<string, object?>("result", result));
        }
    }

    /// <summary>Records a storage call that started at <paramref name="startedTimestamp"/>.</summary>
    public static void RecordStorage(string backend, string call, long startedTimestamp)
    {
        if (StorageDuration.Enabled)
        {
            StorageDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds,
                new KeyValuePair<string, object?>("backend", backend), new KeyValuePair<string, object?>("call", call));
        }
    }

    /// <summary>Records one trigger invocation that took <paramref name="seconds"/>.</summary>
    public static void RecordTrigger(string trigger, string outcome, double seconds)
    {
        if (!Triggers.Enabled && !TriggerDuration.Enabled)
        {
            return;
        }

        var tags = new TagList { { "trigger", trigger }, { "outcome", outcome } };
        Triggers.Add(1, tags);
        TriggerDuration.Record(seconds, tags);
    }

    /// <summary>A child span of the current one, or null when nobody listens (the common case without tracing).</summary>
    public static Activity? StartSpan(string name, ActivityKind kind = ActivityKind.Internal) =>
        Source.HasListeners() ? Source.StartActivity(name, kind) : null;
}
