namespace Ninsho.Server.Hosting;

/// <summary>How one Ninsho node is started: from the command line, or from NINSHO_* environment variables.</summary>
public sealed record NinshoServerOptions
{
    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; } = 9229;

    /// <summary>The folder holding the embedded SQLite database.</summary>
    public string DataDirectory { get; init; } = ".ninsho";

    /// <summary>A PostgreSQL connection string; when set, it is used instead of the SQLite file.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>The base of token issuers, e.g. <c>https://auth.example.com</c>; defaults to the listening URL.</summary>
    public string? PublicUrl { get; init; }

    /// <summary>PBKDF2 iterations for new password hashes.</summary>
    public int PasswordHashIterations { get; init; } = 600_000;

    /// <summary>The region used in new pool ids when the request does not say (unsigned requests).</summary>
    public string DefaultRegion { get; init; } = "us-east-1";

    /// <summary>The account id in ARNs.</summary>
    public string AccountId { get; init; } = "000000000000";

    /// <summary>Access key → secret key. When non-empty, every operation the model marks as IAM-signed must carry
    /// a valid SigV4 signature by one of these keys; when empty, signatures are not checked.</summary>
    public IReadOnlyDictionary<string, string> SigV4Credentials { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Largest request body accepted, in bytes.</summary>
    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>The effective public URL: <see cref="PublicUrl"/> or the listening address.</summary>
    public string EffectivePublicUrl => (PublicUrl ?? $"http://{Host}:{Port}").TrimEnd('/');
}
