using BenchmarkDotNet.Attributes;
using Ninsho.Core.Security;
using Ninsho.Core.Tokens;
using Ninsho.Storage;

namespace Ninsho.Benchmarks;

/// <summary>Minting a sign-in's access + ID token pair (two RS256 signatures) and validating an access token
/// (one RS256 verification plus claim checks), with keys already imported in the cache as in the server.</summary>
[MemoryDiagnoser]
public class TokenBenchmarks
{
    private const string PoolId = "us-east-1_Bench0001";
    private const string Issuer = "http://127.0.0.1:9229/" + PoolId;

    private SigningKeyCache _cache = null!;
    private TokenIssuer _issuer = null!;
    private AccessTokenValidator _validator = null!;
    private TokenIssueRequest _request = null!;
    private IReadOnlyList<StoredSigningKey> _keys = null!;
    private string _accessToken = null!;

    [GlobalSetup]
    public void Setup()
    {
        _cache = new SigningKeyCache();
        var ids = new IdGenerator();
        _keys = SigningKeyFactory.CreatePair(PoolId, TimeProvider.System);
        _issuer = new TokenIssuer(_cache, ids, TimeProvider.System);
        _validator = new AccessTokenValidator(_cache, TimeProvider.System);
        _request = new TokenIssueRequest
        {
            Issuer = Issuer,
            SigningKeys = _keys,
            ClientId = "3n4b5urk1ft4fl3mg5e62d9ado",
            Sub = "5f1c5a7e-4c1d-4bb0-9a51-1b0b1d1e2f30",
            Username = "user0000001",
            Attributes = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["email"] = "user0000001@bench.example",
                ["email_verified"] = "true",
            },
            AuthTime = TimeProvider.System.GetUtcNow(),
            OriginJti = ids.Jti(),
            EventId = ids.EventId(),
            AccessTokenLifetime = TimeSpan.FromHours(1),
            IdTokenLifetime = TimeSpan.FromHours(1),
        };
        _accessToken = _issuer.Issue(_request).AccessToken;
        if (_validator.Validate(_accessToken, Issuer, _keys).Claims is null)
        {
            throw new InvalidOperationException("the benchmark's own access token does not validate");
        }
    }

    /// <summary>What every sign-in and refresh pays for its JWTs.</summary>
    [Benchmark]
    public string IssueAccessAndIdToken() => _issuer.Issue(_request).IdToken;

    /// <summary>What GetUser, GlobalSignOut and every other token-authorized call pays before storage the first time
    /// a node sees the token: one RS256 verification plus claim checks.</summary>
    [Benchmark]
    public bool ValidateNewAccessToken() =>
        new AccessTokenValidator(_cache, TimeProvider.System).Validate(_accessToken, Issuer, _keys).Claims is not null;

    /// <summary>The same for a token the node has verified before: a SHA-256 lookup and the expiry check.</summary>
    [Benchmark]
    public bool ValidateSeenAccessToken() => _validator.Validate(_accessToken, Issuer, _keys).Claims is not null;
}
