using Microsoft.Extensions.Time.Testing;
using Ninsho.Core.SignIn;
using Xunit;

namespace Ninsho.UnitTests.Features.Mfa;

/// <summary>TOTP checks against RFC 6238 Appendix B (SHA-1 secret "12345678901234567890", 6 low digits of the
/// 8-digit vectors): the current step and its neighbours pass, two steps away fails, and a used step fails.</summary>
public sealed class TotpCheckTests
{
    private const string RfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    [Theory]
    [InlineData(59, "287082")]
    [InlineData(1111111109, "081804")]
    [InlineData(1234567890, "005924")]
    public void Accepts_the_RFC_6238_vectors(long unixSeconds, string code)
    {
        var check = new TotpCheck(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));

        Assert.Equal(unixSeconds / 30, check.Match(RfcSecret, code, lastUsedStep: 0));
    }

    [Theory]
    [InlineData(-30, true)]
    [InlineData(30, true)]
    [InlineData(-60, false)]
    [InlineData(60, false)]
    public void Accepts_only_the_neighbouring_steps(int offsetSeconds, bool accepted)
    {
        // 1111111109 is the code's instant; the server's clock is moved away from it.
        var check = new TotpCheck(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1111111109 + offsetSeconds)));

        Assert.Equal(accepted, check.Match(RfcSecret, "081804", lastUsedStep: 0) is not null);
    }

    [Fact]
    public void Refuses_a_step_already_used()
    {
        var check = new TotpCheck(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1111111109)));
        var step = check.Match(RfcSecret, "081804", lastUsedStep: 0);

        Assert.NotNull(step);
        var used = Assert.Throws<Ninsho.Protocol.Errors.CognitoException>(() => check.Match(RfcSecret, "081804", lastUsedStep: step.Value));
        Assert.Equal("ExpiredCodeException", used.Type);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("08180")]
    [InlineData("0818045")]
    [InlineData("08180a")]
    public void Refuses_malformed_codes(string? code)
    {
        var check = new TotpCheck(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1111111109)));

        Assert.Null(check.Match(RfcSecret, code, lastUsedStep: 0));
    }

    [Fact]
    public void New_secrets_are_32_base32_characters()
    {
        Assert.Matches("^[A-Z2-7]{32}$", TotpCheck.NewSecret());
        Assert.NotEqual(TotpCheck.NewSecret(), TotpCheck.NewSecret());
    }
}
