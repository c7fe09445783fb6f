using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Time.Testing;
using Ninsho.Core.Security;
using Xunit;

namespace Ninsho.UnitTests.Security;

public sealed class SessionSealerTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(3);
    private static readonly byte[] Payload = """{"u":"alice","c":"NEW_PASSWORD_REQUIRED","n":1}"""u8.ToArray();

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly SessionSealer _sealer;

    public SessionSealerTests()
    {
        _sealer = new SessionSealer(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), _clock);
    }

    [Fact]
    public void Round_trips_the_payload()
    {
        var session = _sealer.Seal("NEW_PASSWORD_REQUIRED", Payload, Lifetime);
        Assert.Equal(Payload, _sealer.Unseal("NEW_PASSWORD_REQUIRED", session));
    }

    [Fact]
    public void Output_is_base64url_within_the_model_length_and_fresh_each_time()
    {
        var a = _sealer.Seal("p", Payload, Lifetime);
        var b = _sealer.Seal("p", Payload, Lifetime);
        Assert.Matches("^[A-Za-z0-9_-]+$", a);
        Assert.InRange(a.Length, 20, 2048);
        Assert.NotEqual(a, b); // random nonce
        Assert.InRange(_sealer.Seal("p", ReadOnlySpan<byte>.Empty, Lifetime).Length, 20, 2048);
    }

    [Fact]
    public void Payload_size_limit_both_sides()
    {
        var largest = _sealer.Seal("p", new byte[SessionSealer.MaxPayloadBytes], Lifetime);
        Assert.True(largest.Length <= 2048);
        Assert.NotNull(_sealer.Unseal("p", largest));
        Assert.Throws<ArgumentException>(() => _sealer.Seal("p", new byte[SessionSealer.MaxPayloadBytes + 1], Lifetime));
    }

    [Fact]
    public void Valid_until_one_second_before_expiry_and_null_from_expiry_on()
    {
        var session = _sealer.Seal("p", Payload, Lifetime);
        _clock.Advance(Lifetime - TimeSpan.FromSeconds(1));
        Assert.NotNull(_sealer.Unseal("p", session));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(_sealer.Unseal("p", session));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(_sealer.Unseal("p", session));
    }

    [Fact]
    public void Wrong_purpose_is_null()
    {
        var session = _sealer.Seal("NEW_PASSWORD_REQUIRED", Payload, Lifetime);
        Assert.Null(_sealer.Unseal("SMS_MFA", session));
        Assert.Null(_sealer.Unseal("new_password_required", session));
        Assert.Null(_sealer.Unseal("", session));
    }

    [Fact]
    public void Another_key_cannot_open_it()
    {
        var session = _sealer.Seal("p", Payload, Lifetime);
        var other = new SessionSealer(new byte[32], _clock);
        Assert.Null(other.Unseal("p", session));
    }

    [Fact]
    public void Any_single_character_change_is_rejected()
    {
        var session = _sealer.Seal("p", Payload, Lifetime);
        for (var i = 0; i < session.Length; i++)
        {
            var chars = session.ToCharArray();
            chars[i] = chars[i] == 'A' ? 'B' : 'A';
            Assert.Null(_sealer.Unseal("p", new string(chars)));
        }

        Assert.Null(_sealer.Unseal("p", session[..^1]));
        Assert.Null(_sealer.Unseal("p", session + "A"));
        Assert.Null(_sealer.Unseal("p", session + "AAAA"));
    }

    public static TheoryData<string?> Garbage => new(
        null,
        "",
        "A",
        "AYABeAAAAAAAAAAAAAAAAAAAAAAA",
        "not base64 at all!",
        "AQ==",
        "////",
        "eyJhbGciOiJIUzI1NiJ9.e30.abc",
        new string('A', 2048),
        new string('A', 2049),
        new string('A', 100_000));

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Garbage_is_null_never_an_exception(string? session)
    {
        Assert.Null(_sealer.Unseal("p", session));
    }

    [Fact]
    public void Typed_overloads_round_trip_and_reject_wrong_json()
    {
        var info = (JsonTypeInfo<ChallengeState>)JsonSerializerOptions.Default.GetTypeInfo(typeof(ChallengeState));
        var session = _sealer.Seal("p", new ChallengeState("alice", 2), info, Lifetime);
        Assert.Equal(new ChallengeState("alice", 2), _sealer.Unseal("p", session, info));

        var notJson = _sealer.Seal("p", Encoding.UTF8.GetBytes("{not json"), Lifetime);
        Assert.Null(_sealer.Unseal("p", notJson, info));
    }

    [Fact]
    public void Seals_with_the_active_generation_and_opens_every_kept_one()
    {
        var old = new SealingKey(0, Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), DateTimeOffset.MinValue);
        var rotated = new SealingKey(7, new byte[32], _clock.GetUtcNow().AddSeconds(30));
        var both = new SessionSealer(new SealingKeySet(SessionSealer.SecretName, [old, rotated]), _clock);

        // Before the new generation's activation the old one seals, in the version-1 layout of generation 0.
        var before = both.Seal("p", Payload, Lifetime);
        Assert.Equal(1, Convert.FromBase64String(ToBase64(before))[0]);
        Assert.Equal(Payload, _sealer.Unseal("p", before));

        _clock.Advance(TimeSpan.FromSeconds(30));
        var after = both.Seal("p", Payload, Lifetime);
        Assert.Equal([2, 0, 0, 0, 7], Convert.FromBase64String(ToBase64(after))[..5]);
        Assert.Equal(Payload, both.Unseal("p", after));
        Assert.Equal(Payload, both.Unseal("p", before));
        Assert.Null(_sealer.Unseal("p", after));

        // Once generation 0 is retired its seals no longer open; a rewritten key id does not open either.
        var retired = new SessionSealer(new SealingKeySet(SessionSealer.SecretName, [rotated]), _clock);
        Assert.Null(retired.Unseal("p", before));
        Assert.Equal(Payload, retired.Unseal("p", after));
        var bytes = Convert.FromBase64String(ToBase64(after));
        bytes[4] = 0;
        Assert.Null(both.Unseal("p", Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_')));
    }

    [Fact]
    public void Refuses_bad_keys_and_lifetimes()
    {
        Assert.Throws<ArgumentException>(() => new SessionSealer(new byte[31], _clock));
        Assert.Throws<ArgumentException>(() => new SessionSealer(new byte[33], _clock));
        Assert.Throws<ArgumentOutOfRangeException>(() => _sealer.Seal("p", Payload, TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => _sealer.Seal("", Payload, Lifetime));
    }

    private sealed record ChallengeState(string User, int Attempt);

    private static string ToBase64(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
    }
}
