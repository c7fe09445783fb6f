namespace Ninsho.Core;

/// <summary>Settings of the Cognito logic that do not depend on the host.</summary>
public sealed record NinshoCoreOptions
{
    /// <summary>PBKDF2-SHA256 iterations for new password hashes.</summary>
    public int PasswordHashIterations { get; init; } = 600_000;

    /// <summary>How many password hashes may wait for a free core before more are refused with
    /// TooManyRequestsException; null means 32 per core.</summary>
    public int? PasswordHashQueue { get; init; }

    /// <summary>The region of new pool ids when the request carries no SigV4 scope.</summary>
    public string DefaultRegion { get; init; } = "us-east-1";

    /// <summary>The account id in ARNs.</summary>
    public string AccountId { get; init; } = "000000000000";

    /// <summary>How long outbox messages are kept after they were created; null keeps each one until what it carries
    /// (code, temporary password) has expired, plus <see cref="Features.Maintenance.ExpiredRowSweeper.OutboxMargin"/>.</summary>
    public TimeSpan? OutboxRetention { get; init; }

    /// <summary>The STS whose AssumeRoleWithWebIdentity gives GetCredentialsForIdentity its credentials; null keeps
    /// the local AWS-shaped values (docs/compatibility-sts.md).</summary>
    public Uri? StsEndpoint { get; init; }

    /// <summary>The Lambda Invoke API that runs the pools' triggers (<c>--lambda-endpoint</c>), e.g. LocalStack's or
    /// <c>sam local start-lambda</c>'s; null when none is given (docs/triggers.md).</summary>
    public Uri? LambdaEndpoint { get; init; }

    /// <summary>Function ARN, <c>name:qualifier</c> or bare name → the URL that receives its events as a plain JSON
    /// POST instead of the Invoke API (<c>--trigger-webhook</c>; docs/triggers.md).</summary>
    public IReadOnlyDictionary<string, Uri> TriggerWebhooks { get; init; } = new Dictionary<string, Uri>(StringComparer.Ordinal);

    /// <summary>Social provider type (Google, Facebook, LoginWithAmazon, SignInWithApple) → the base URL of a local
    /// stand-in that replaces the origin of that provider's endpoints (<c>--federation-endpoint</c>; docs/federation.md).</summary>
    public IReadOnlyDictionary<string, Uri> FederationEndpoints { get; init; } = new Dictionary<string, Uri>(StringComparer.Ordinal);

    /// <summary>How often a node rereads a pool's signing keys and the cluster's sealing keys, and how long after a
    /// rotation the new keys start to sign and seal (<c>--key-refresh-seconds</c>; docs/operations.md#key-rotation).</summary>
    public TimeSpan KeyRefreshInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The credentials Invoke calls are signed with.</summary>
    public Ninsho.Core.Signing.AwsSigningCredentials LambdaCredentials { get; init; } = new("ninsho", "ninsho-local-lambda-secret", null);
}
