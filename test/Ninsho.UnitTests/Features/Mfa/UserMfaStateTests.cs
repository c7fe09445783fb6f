using Ninsho.Core.Users;
using Xunit;

namespace Ninsho.UnitTests.Features.Mfa;

public sealed class UserMfaStateTests
{
    [Fact]
    public void Keeps_other_features_state_in_the_extra_json()
    {
        var state = UserState.Read("""{"codes":{"signup":{"hash":"x","expires":1,"attempts":0}}}""");
        var json = (state with { Mfa = state.Mfa with { SmsEnabled = true, Preferred = "SMS_MFA" } }).Write();

        Assert.Contains("\"codes\":{\"signup\":{\"hash\":\"x\",\"expires\":1,\"attempts\":0}}", json, StringComparison.Ordinal);
        var read = UserState.Read(json).Mfa;
        Assert.True(read.SmsEnabled);
        Assert.Equal("SMS_MFA", read.Preferred);
    }

    [Fact]
    public void Lists_enabled_factors_in_Cognito_order_and_only_a_verified_token()
    {
        var state = new UserMfaState { EmailEnabled = true, TotpEnabled = true, SmsEnabled = true, PendingTotpSecret = "PENDING" };

        Assert.Equal(["SMS_MFA", "EMAIL_OTP"], state.EnabledFactors());
        Assert.Equal(["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"], (state with { TotpSecret = "VERIFIED" }).EnabledFactors());
    }

    [Fact]
    public void Reads_nothing_as_no_MFA()
    {
        Assert.Empty(UserState.Read((string?)null).Mfa.EnabledFactors());
        Assert.Empty(UserState.Read("{}").Mfa.EnabledFactors());
    }
}
