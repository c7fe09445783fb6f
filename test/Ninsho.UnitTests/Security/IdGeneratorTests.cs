using System.Buffers.Text;
using System.Text.RegularExpressions;
using Ninsho.Core.Security;
using Xunit;

namespace Ninsho.UnitTests.Security;

public sealed class IdGeneratorTests
{
    private readonly IdGenerator _ids = new();

    [Fact]
    public void UserPoolId_is_region_underscore_nine_alphanumerics()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 200; i++)
        {
            var id = _ids.UserPoolId("ap-northeast-1");
            Assert.Matches(new Regex("^ap-northeast-1_[0-9A-Za-z]{9}$"), id);
            // aws-jwt-verify's pool id regex must accept it.
            Assert.Matches(new Regex(@"^(?<region>(?:eusc-[a-z]{2}|[a-z]{2})-(gov-)?[a-z]+-\d)_[a-zA-Z0-9]+$"), id);
            Assert.True(seen.Add(id));
        }
    }

    [Fact]
    public void UserPoolIds_use_both_cases()
    {
        var all = string.Concat(Enumerable.Range(0, 50).Select(_ => _ids.UserPoolId("us-east-1")[10..]));
        Assert.Contains(all, char.IsAsciiLetterUpper);
        Assert.Contains(all, char.IsAsciiLetterLower);
        Assert.Contains(all, char.IsAsciiDigit);
    }

    [Fact]
    public void UserPoolId_needs_a_region()
    {
        Assert.Throws<ArgumentException>(() => _ids.UserPoolId(""));
    }

    [Fact]
    public void ClientId_is_26_chars_of_lower_base32hex_from_128_bits()
    {
        var firstChars = new HashSet<char>();
        for (var i = 0; i < 500; i++)
        {
            var id = _ids.ClientId();
            Assert.Matches(new Regex("^[0-7][0-9a-v]{25}$"), id);
            _ = firstChars.Add(id[0]);
        }

        // The top digit carries 3 bits, so it ranges over 0-7 only; all eight should show up in 500 tries.
        Assert.Equal(8, firstChars.Count);
    }

    [Fact]
    public void ClientId_encodes_the_random_bits_big_endian()
    {
        var ids = new IdGenerator(new FixedBytes(0xFF));
        Assert.Equal("7vvvvvvvvvvvvvvvvvvvvvvvvv", ids.ClientId());
        Assert.Equal("00000000000000000000000000", new IdGenerator(new FixedBytes(0x00)).ClientId());
    }

    [Fact]
    public void ClientSecret_is_51_lower_alphanumerics_within_the_model_limits()
    {
        for (var i = 0; i < 200; i++)
        {
            var secret = _ids.ClientSecret();
            Assert.Matches(new Regex("^[0-9a-z]{51}$"), secret);
            Assert.Matches(new Regex(@"^[\w+]+$"), secret);
            Assert.InRange(secret.Length, 24, 64);
        }
    }

    [Fact]
    public void Sub_Jti_and_EventId_are_lower_case_v4_uuids()
    {
        var v4 = new Regex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
        for (var i = 0; i < 200; i++)
        {
            Assert.Matches(v4, _ids.Sub());
            Assert.Matches(v4, _ids.Jti());
            Assert.Matches(v4, _ids.EventId());
        }

        Assert.NotEqual(_ids.Sub(), _ids.Sub());
        Assert.Equal("ffffffff-ffff-4fff-bfff-ffffffffffff", new IdGenerator(new FixedBytes(0xFF)).Sub());
        Assert.Equal("00000000-0000-4000-8000-000000000000", new IdGenerator(new FixedBytes(0x00)).Sub());
    }

    [Fact]
    public void RefreshToken_matches_the_token_model_and_carries_256_bits()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 200; i++)
        {
            var token = _ids.RefreshToken();
            Assert.Matches(new Regex("^[A-Za-z0-9-_=.]+$"), token);
            Assert.StartsWith(IdGenerator.RefreshTokenHeader + ".", token, StringComparison.Ordinal);
            Assert.True(Base64Url.DecodeFromChars(token.AsSpan(IdGenerator.RefreshTokenHeader.Length + 1)).Length >= 32);
            Assert.True(seen.Add(token));
        }
    }

    [Fact]
    public void RefreshToken_never_begins_with_a_dash_even_when_its_random_part_does()
    {
        // 0xF8 encodes to '-' first in base64url: such a token would read as an option to the aws CLI.
        var token = new IdGenerator(new FixedBytes(0xF8)).RefreshToken();

        Assert.StartsWith("eyJ", token, StringComparison.Ordinal);
        Assert.StartsWith("-", token[(IdGenerator.RefreshTokenHeader.Length + 1)..], StringComparison.Ordinal);
        Assert.Equal(
            """{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}""",
            System.Text.Encoding.UTF8.GetString(Base64Url.DecodeFromChars(IdGenerator.RefreshTokenHeader)));
    }

    [Fact]
    public void Bytes_above_the_rejection_limit_are_discarded()
    {
        // 0xFF is past the last whole multiple of 62 (248), so it must be skipped rather than folded by modulo
        // (which would give 'P'); only the 0x00 bytes are used.
        var ids = new IdGenerator(new AlternatingBytes());
        Assert.Equal("us-east-1_000000000", ids.UserPoolId("us-east-1"));
    }

    [Fact]
    public void TokenHasher_is_lower_hex_sha256()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenHasher.Hash("abc"));
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", TokenHasher.Hash(""));
        Assert.NotEqual(TokenHasher.Hash("a"), TokenHasher.Hash("A"));
    }

    [Fact]
    public void OriginJti_is_a_version_7_uuid_that_gives_back_its_millisecond()
    {
        var at = new DateTimeOffset(2026, 12, 5, 18, 0, 0, 123, TimeSpan.Zero);
        var origin = _ids.OriginJti(at);
        Assert.Matches(new Regex("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"), origin);
        Assert.NotEqual(origin, _ids.OriginJti(at));
        Assert.Equal(at, IdGenerator.OriginTime(origin));

        // Random (version 4) origins and anything else have no time.
        Assert.Null(IdGenerator.OriginTime(_ids.Jti()));
        Assert.Null(IdGenerator.OriginTime("not-a-uuid"));
        Assert.Null(IdGenerator.OriginTime(null));
    }
}
