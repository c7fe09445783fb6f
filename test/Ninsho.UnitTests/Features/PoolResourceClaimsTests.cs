using Microsoft.Extensions.Time.Testing;
using Ninsho.Core;
using Ninsho.Storage;
using Xunit;

namespace Ninsho.UnitTests.Features;

/// <summary>Claims keep a second key unique (a TermsName per app client, a branding style per client): a live holder
/// keeps its claim, a claim whose holder is gone is taken over only once it is older than a create in flight.</summary>
public sealed class PoolResourceClaimsTests
{
    private const string Pool = "ap-northeast-1_Claims1";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryPoolResources _storage = new();
    private readonly PoolResourceClaims _claims;

    public PoolResourceClaimsTests() => _claims = new PoolResourceClaims(_storage, _clock);

    [Fact]
    public async Task Does_keep_a_claim_while_its_holder_exists()
    {
        var ct = TestContext.Current.CancellationToken;
        await AddHolderAsync("a", ct);

        Assert.True(await ClaimAsync("a", ct));
        Assert.True(await ClaimAsync("a", ct));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.False(await ClaimAsync("b", ct));
        Assert.Equal("a", await _claims.HolderAsync(Pool, "claim", "key", ct));
    }

    [Fact]
    public async Task Does_take_over_a_claim_whose_holder_is_gone_only_after_InFlight()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.True(await ClaimAsync("a", ct)); // "a" never written: a crash, or a create still in progress

        _clock.Advance(PoolResourceClaims.InFlight - TimeSpan.FromSeconds(1));
        Assert.False(await ClaimAsync("b", ct));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await ClaimAsync("b", ct));
        Assert.Equal("b", await _claims.HolderAsync(Pool, "claim", "key", ct));
    }

    [Fact]
    public async Task Does_take_over_a_claim_its_holder_no_longer_holds_and_releases_only_for_the_holder()
    {
        var ct = TestContext.Current.CancellationToken;
        await AddHolderAsync("a", ct);
        Assert.True(await ClaimAsync("a", ct));

        Assert.True(await _claims.TryClaimAsync(Pool, "claim", "key", "holder", "b", _ => false, ct));
        await _claims.ReleaseAsync(Pool, "claim", "key", "a", ct);
        Assert.Equal("b", await _claims.HolderAsync(Pool, "claim", "key", ct));
        await _claims.ReleaseAsync(Pool, "claim", "key", "b", ct);
        Assert.Null(await _claims.HolderAsync(Pool, "claim", "key", ct));
    }

    private Task<bool> ClaimAsync(string owner, CancellationToken ct) =>
        _claims.TryClaimAsync(Pool, "claim", "key", "holder", owner, _ => true, ct);

    private Task AddHolderAsync(string id, CancellationToken ct) => _storage.CreateAsync(new StoredPoolResource
    {
        UserPoolId = Pool,
        Kind = "holder",
        Name = id,
        BodyJson = "{}",
        CreatedAt = _clock.GetUtcNow(),
        ModifiedAt = _clock.GetUtcNow(),
    }, ct);
}
