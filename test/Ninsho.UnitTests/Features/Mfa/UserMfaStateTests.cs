using Ninsho.Core.Users;
using Xunit;

namespace Ninsho.UnitTests.Features.Mfa;

public sealed class UserMfaStateTests
{
    [Fact]
    public void Keeps_other_features_state_in_the_extra_json()
    {
        var json = UserMfaState.Write("""{"codes":{"signup":{"hash":"x"}}}""", new UserMfaState { SmsEnabled = true, Preferred = "SMS_MFA" });

        Assert.Contains("\"codes\":{\"signup\":{\"hash\":\"x\"}}", json, StringComparison.Ordinal);
        var read = UserMfaState.Read(json);
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
        Assert.Empty(UserMfaState.Read(null).EnabledFactors());
        Assert.Empty(UserMfaState.Read("{}").EnabledFactors());
    }
}
