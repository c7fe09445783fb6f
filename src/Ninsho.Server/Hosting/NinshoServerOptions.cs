using System.Net;
using Ninsho.Server.Messaging;
using Ninsho.Server.Quotas;

namespace Ninsho.Server.Hosting;

/// <summary>How one Ninsho node is started: from the command line, or from NINSHO_* environment variables.</summary>
public sealed record NinshoServerOptions
{
    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; } = 9229;

    /// <summary>The folder holding the embedded SQLite database.</summary>
    public string DataDirectory { get; init; } = ".ninsho";

    /// <summary>SQLite's commit durability: Normal (default) may lose the last commits on a power loss, Full does not
    /// (an fsync per write); see docs/data-safety.md.</summary>
    public Ninsho.Storage.Sqlite.SqliteSynchronous SqliteSynchronous { get; init; } = Ninsho.Storage.Sqlite.SqliteSynchronous.Normal;

    /// <summary>A PostgreSQL connection string; when set, it is used instead of the SQLite file.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>The base of token issuers, e.g. <c>https://auth.example.com</c>; defaults to the listening URL.</summary>
    public string? PublicUrl { get; init; }

    /// <summary>True with <c>--issuer aws</c>: tokens carry Cognito's issuer,
    /// <c>https://cognito-idp.{region}.amazonaws.com/{pool}</c>, instead of <c>{public url}/{pool}</c>
    /// (docs/compatibility-issuer.md).</summary>
    public bool AwsIssuer { get; init; }

    /// <summary>PBKDF2 iterations for new password hashes.</summary>
    public int PasswordHashIterations { get; init; } = 600_000;

    /// <summary>How many password hashes may wait for a free core; beyond it sign-ins answer
    /// TooManyRequestsException at once. Null means 32 per core.</summary>
    public int? PasswordHashQueue { get; init; }

    /// <summary>Test-only: new password hashes use <see cref="FastPasswordHashIterations"/> PBKDF2 iterations instead of
    /// <see cref="PasswordHashIterations"/>. Refused unless the server listens on a loopback address.</summary>
    public bool InsecureFastPasswordHash { get; init; }

    /// <summary>PBKDF2 iterations of the test-only fast hash: still a self-describing PBKDF2 hash, so a server
    /// started later without the option verifies it and rehashes it at full cost on the next sign-in.</summary>
    public const int FastPasswordHashIterations = 1;

    /// <summary>The iterations new hashes really get.</summary>
    public int EffectivePasswordHashIterations => InsecureFastPasswordHash ? FastPasswordHashIterations : PasswordHashIterations;

    /// <summary>True when <see cref="Host"/> is <c>localhost</c> or a loopback address (127.0.0.0/8, ::1).</summary>
    public bool ListensOnLoopbackOnly =>
        string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(Host, out var address) && IPAddress.IsLoopback(address));

    /// <summary>The reason these options cannot start a server, or null when they can.</summary>
    public string? Problem()
    {
        if (Port is < 0 or > 65535 || PasswordHashIterations < 1)
        {
            return "--port must be 0-65535 and --password-hash-iterations at least 1";
        }

        if (ShutdownTimeout < TimeSpan.Zero || ShutdownTimeout > TimeSpan.FromMinutes(10))
        {
            return "--shutdown-timeout must be 0-600 seconds";
        }

        if (KeyRefreshInterval < TimeSpan.FromSeconds(1) || KeyRefreshInterval > TimeSpan.FromHours(1))
        {
            return "--key-refresh-seconds must be 1-3600";
        }

        if ((TlsCertificatePath is null) != (TlsKeyPath is null))
        {
            return "--tls-cert and --tls-key go together";
        }

        if (TlsCertificatePath is { } cert && (!File.Exists(cert) || !File.Exists(TlsKeyPath)))
        {
            return $"--tls-cert '{cert}' and --tls-key '{TlsKeyPath}' must be readable PEM files";
        }

        if (PasswordHashQueue < 0)
        {
            return "--password-hash-queue cannot be negative";
        }

        if (!string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase) && !IPAddress.TryParse(Host, out _))
        {
            return $"--host must be an IP address or localhost, not '{Host}'";
        }

        if (AdminToken is { } token && (token.Length < MinAdminTokenLength || token.Any(char.IsWhiteSpace)))
        {
            return $"--admin-token must be at least {MinAdminTokenLength} characters, without spaces";
        }

        if (OutboxRetention is { } retention && retention < TimeSpan.FromMinutes(1))
        {
            return "--outbox-retention must be at least 1m";
        }

        // An AWS account id is 12 digits; anything else would make ARNs clients cannot parse.
        if (AccountId.Length != 12 || !AccountId.All(char.IsAsciiDigit))
        {
            return $"--account-id must be 12 digits, not '{AccountId}'";
        }

        if (StsEndpoint is not null && StsEndpointUri is null)
        {
            return $"--sts-endpoint must be an absolute http:// or https:// URL, not '{StsEndpoint}'";
        }

        if (OtlpEndpoint is not null && OtlpEndpointUri is null)
        {
            return $"--otlp-endpoint must be an absolute http:// or https:// URL, not '{OtlpEndpoint}'";
        }

        if (LambdaEndpoint is not null && LambdaEndpointUri is null)
        {
            return $"--lambda-endpoint must be an absolute http:// or https:// URL, not '{LambdaEndpoint}'";
        }

        if (TriggerWebhooks.FirstOrDefault(w => HttpUrl(w.Value) is null) is { Key: not null } badWebhook)
        {
            return $"--trigger-webhook {badWebhook.Key} must map to an absolute http:// or https:// URL, not '{badWebhook.Value}'";
        }

        if (FederationEndpoints.FirstOrDefault(f => !SocialProviderTypes.Contains(f.Key) || HttpUrl(f.Value) is null) is { Key: not null } badStandIn)
        {
            return $"--federation-endpoint takes TYPE=URL with TYPE one of {string.Join(", ", SocialProviderTypes)} and an absolute http:// or https:// URL, not '{badStandIn.Key}={badStandIn.Value}'";
        }

        if (Smtp?.Problem() is { } smtpProblem)
        {
            return smtpProblem;
        }

        return InsecureFastPasswordHash && !ListensOnLoopbackOnly
            ? $"--insecure-fast-password-hash is for tests only and is refused unless --host is a loopback address (127.0.0.1, ::1, localhost), not '{Host}'"
            : null;
    }

    /// <summary>The start-up warning of the fast hash, or null when it is off.</summary>
    public string? FastHashWarning() => InsecureFastPasswordHash
        ? $"WARNING: --insecure-fast-password-hash is on: new password hashes use PBKDF2-SHA256 with {FastPasswordHashIterations} iteration(s) "
          + "and are trivial to crack. For tests and benchmarks on this machine only; never for real passwords. "
          + "Restarted without it, the server rehashes each such password at full cost on its next sign-in."
        : null;

    /// <summary>The region used in new pool ids when the request does not say (unsigned requests).</summary>
    public string DefaultRegion { get; init; } = "us-east-1";

    /// <summary>The account id in ARNs (<c>--account-id</c>, env NINSHO_ACCOUNT_ID).</summary>
    public string AccountId { get; init; } = "000000000000";

    /// <summary>The STS that GetCredentialsForIdentity asks for credentials (<c>--sts-endpoint</c>, env
    /// NINSHO_STS_ENDPOINT), e.g. moto's or LocalStack's; null keeps Ninsho's own AWS-shaped values
    /// (docs/compatibility-sts.md).</summary>
    public string? StsEndpoint { get; init; }

    /// <summary><see cref="StsEndpoint"/> as an absolute http or https URL; null when it is unset or not one.</summary>
    public Uri? StsEndpointUri =>
        Uri.TryCreate(StsEndpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : null;

    /// <summary>The Lambda Invoke API that runs the pools' triggers (<c>--lambda-endpoint</c>, env NINSHO_LAMBDA_ENDPOINT),
    /// e.g. LocalStack's or <c>sam local start-lambda</c>'s; null when none (docs/triggers.md).</summary>
    public string? LambdaEndpoint { get; init; }

    /// <summary><see cref="LambdaEndpoint"/> as an absolute http or https URL; null when it is unset or not one.</summary>
    public Uri? LambdaEndpointUri => HttpUrl(LambdaEndpoint);

    /// <summary>Where configured log ARNs are written (<c>--log-destination</c>; docs/operations.md#log-delivery).</summary>
    public LogDelivery.LogDestinations LogDestinations { get; init; } = LogDelivery.LogDestinations.None;

    /// <summary>Function ARN or name → webhook URL (<c>--trigger-webhook NAME=URL</c>, env NINSHO_TRIGGER_WEBHOOKS
    /// <c>NAME=URL,NAME=URL</c>): that function's events go to the URL as a plain JSON POST (docs/triggers.md).</summary>
    public IReadOnlyDictionary<string, string> TriggerWebhooks { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The provider types <see cref="FederationEndpoints"/> may name.</summary>
    public static IReadOnlyList<string> SocialProviderTypes { get; } = ["Google", "Facebook", "LoginWithAmazon", "SignInWithApple"];

    /// <summary>Social provider type → base URL of a local stand-in for it (<c>--federation-endpoint TYPE=URL</c>, env
    /// NINSHO_FEDERATION_ENDPOINTS <c>TYPE=URL,TYPE=URL</c>; docs/federation.md).</summary>
    public IReadOnlyDictionary<string, string> FederationEndpoints { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Reads <c>NAME=URL</c> pairs; null when one is not of that form.</summary>
    public static IReadOnlyDictionary<string, string>? ParseWebhooks(IEnumerable<string> pairs)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == pair.Length - 1)
            {
                return null;
            }

            map[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
        }

        return map;
    }

    private static Uri? HttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : null;

    /// <summary>Access key → secret key. When non-empty, every operation the model marks as IAM-signed must carry
    /// a valid SigV4 signature by one of these keys; when empty, signatures are not checked.</summary>
    public IReadOnlyDictionary<string, string> SigV4Credentials { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The operator credential for the <c>/_ninsho/</c> routes (outbox, import logs), sent as
    /// <c>Authorization: Bearer &lt;token&gt;</c>; null when none is configured.</summary>
    public string? AdminToken { get; init; }

    /// <summary>The shortest admin token accepted: a short one could be guessed.</summary>
    public const int MinAdminTokenLength = 16;

    /// <summary>True when every <c>/_ninsho/</c> call must carry a credential (a SigV4 signature by one of
    /// <see cref="SigV4Credentials"/> or the <see cref="AdminToken"/>), loopback callers included: when either is
    /// configured, or when the server listens beyond loopback. Otherwise loopback callers need none.</summary>
    public bool OperatorRoutesNeedCredential => SigV4Credentials.Count > 0 || AdminToken is not null || !ListensOnLoopbackOnly;

    /// <summary>The start-up note when the server listens beyond loopback with no credential that could open the
    /// <c>/_ninsho/</c> routes (they then answer 403 to everyone), or null.</summary>
    public string? OperatorRoutesWarning() => !ListensOnLoopbackOnly && SigV4Credentials.Count == 0 && AdminToken is null
        ? $"NOTE: --host {Host} listens beyond loopback and neither --admin-token nor --sigv4-credentials is set: the /_ninsho/ routes "
          + "(outbox, import logs) answer 403 to every caller. Set --admin-token to read them over HTTP, or use 'ninsho outbox'."
        : null;

    /// <summary>In-process tests only: every request is handled as if it came from this address (a caller beyond
    /// loopback without sending real traffic anywhere). Not reachable from the command line.</summary>
    internal IPAddress? TestRemoteAddress { get; init; }

    /// <summary>In-process tests only: a logger provider added beside the console, to read what the node logs.</summary>
    internal Microsoft.Extensions.Logging.ILoggerProvider? TestLoggerProvider { get; init; }

    /// <summary>The clock of the Cognito logic (tokens, sessions, lockouts); null means the system clock. For
    /// in-process tests that move time with a fake clock.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary><c>--quotas</c>: <see cref="QuotaMode.Cognito"/> answers TooManyRequestsException beyond Cognito's
    /// default request-rate quotas (docs/compatibility-quotas.md); off by default.</summary>
    public QuotaMode Quotas { get; init; } = QuotaMode.Off;

    /// <summary><c>--seed</c>: a YAML or JSON file of user pools, clients, users and identity pools applied at every
    /// start and after each reset (docs/test-control.md#the-seed-file); null for none.</summary>
    public string? SeedFile { get; init; }

    /// <summary>Real email delivery; null keeps every message in the outbox only.</summary>
    public SmtpOptions? Smtp { get; init; }

    /// <summary>How long outbox messages are kept after they were sent; null (the default, <c>auto</c>) keeps each
    /// one until the code or temporary password it carries has expired, plus an hour.</summary>
    public TimeSpan? OutboxRetention { get; init; }

    /// <summary>Reads <c>--outbox-retention</c>: <c>auto</c> (or nothing) for null, else a whole number followed by
    /// <c>m</c>, <c>h</c> or <c>d</c> (e.g. <c>30m</c>, <c>12h</c>, <c>7d</c>). False when it is neither.</summary>
    public static bool TryParseRetention(string? text, out TimeSpan? retention)
    {
        retention = null;
        if (text is null || text.Length == 0 || string.Equals(text, "auto", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            return false;
        }

        retention = char.ToLowerInvariant(text[^1]) switch
        {
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => null,
        };
        return retention is not null;
    }

    /// <summary>How long in-flight requests may take to finish after SIGTERM before their connections are closed
    /// (<c>--shutdown-timeout</c>, env NINSHO_SHUTDOWN_TIMEOUT; default 10 s).</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often this node rereads signing and sealing keys, and how long after a rotation new keys start to
    /// be used (<c>--key-refresh-seconds</c>, env NINSHO_KEY_REFRESH_SECONDS; default 30 s;
    /// docs/operations.md#key-rotation). Give every node and the <c>keys</c> command the same value.</summary>
    public TimeSpan KeyRefreshInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>--log-format</c> (env NINSHO_LOG_FORMAT): text (default) or json lines with a <c>request</c> event
    /// per API call (docs/operations.md#logs).</summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    /// <summary><c>--metrics</c> (env NINSHO_METRICS=1): serve Ninsho's metrics for Prometheus at <c>/metrics</c>, under
    /// the operator routes' access rules (docs/operations.md#metrics-and-traces). Off by default.</summary>
    public bool Metrics { get; init; }

    /// <summary><c>--otlp-endpoint</c> (env NINSHO_OTLP_ENDPOINT, else OTEL_EXPORTER_OTLP_ENDPOINT): the base URL of an
    /// OTLP/HTTP receiver (an OpenTelemetry collector's <c>http://host:4318</c>) that gets metrics and traces; null for none.</summary>
    public string? OtlpEndpoint { get; init; }

    /// <summary><see cref="OtlpEndpoint"/> as an absolute http or https URL; null when it is unset or not one.</summary>
    public Uri? OtlpEndpointUri => HttpUrl(OtlpEndpoint);

    /// <summary>Largest request body accepted, in bytes.</summary>
    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>The effective public URL: <see cref="PublicUrl"/> or the listening address.</summary>
    public string EffectivePublicUrl => (PublicUrl ?? $"{(Tls ? "https" : "http")}://{Host}:{Port}").TrimEnd('/');

    /// <summary>The server certificate, a PEM file (<c>--tls-cert</c>, env NINSHO_TLS_CERT); with <see cref="TlsKeyPath"/>
    /// Kestrel serves HTTPS (HTTP/1.1 and HTTP/2) instead of HTTP (docs/operations.md).</summary>
    public string? TlsCertificatePath { get; init; }

    /// <summary>The certificate's private key, a PEM file (<c>--tls-key</c>, env NINSHO_TLS_KEY).</summary>
    public string? TlsKeyPath { get; init; }

    /// <summary>True when the server listens with TLS.</summary>
    public bool Tls => TlsCertificatePath is not null;
}
