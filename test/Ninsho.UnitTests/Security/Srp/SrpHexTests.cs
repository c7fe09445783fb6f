using System.Numerics;
using Ninsho.Core.Security.Srp;
using Ninsho.Protocol.Errors;
using Xunit;

namespace Ninsho.UnitTests.Security.Srp;

public sealed class SrpHexTests
{
    [Theory]
    [InlineData("1", "01")]
    [InlineData("7f", "7f")]
    [InlineData("80", "0080")]
    [InlineData("0f1e", "0f1e")]
    [InlineData("ff00", "00ff00")]
    [InlineData("000abc", "0abc")]
    public void PadHex_matches_Java_toByteArray(string hex, string padded) =>
        Assert.Equal(padded, SrpHex.PadHex(SrpHex.ToInteger(hex)));

    [Fact]
    public void TryToInteger_refuses_non_hex()
    {
        Assert.False(SrpHex.TryToInteger("xyz", out _));
        Assert.False(SrpHex.TryToInteger("", out _));
        Assert.True(SrpHex.TryToInteger("ABC", out var value));
        Assert.Equal(new BigInteger(0xabc), value);
    }

    [Theory]
    [InlineData("Tue Nov 3 05:51:27 UTC 2026")]
    [InlineData("Mon Nov 23 14:05:09 UTC 2026")]
    public void Accepts_the_clients_timestamp(string timestamp) =>
        Assert.Equal(timestamp, SrpTimestamp.Format(SrpTimestamp.Parse(timestamp)));

    [Theory]
    [InlineData("Tue Nov  3 05:51:27 UTC 2026")]
    [InlineData("Tue Nov 03 05:51:27 UTC 2026")]
    [InlineData("2026-11-03T05:51:27Z")]
    [InlineData("Tue Nov 3 5:51:27 UTC 2026")]
    [InlineData("")]
    public void Rejects_other_timestamp_formats(string timestamp)
    {
        var error = Assert.Throws<CognitoException>(() => SrpTimestamp.Parse(timestamp));
        Assert.Equal("InvalidParameterException", error.Type);
        Assert.Equal("TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.", error.Message);
    }
}
