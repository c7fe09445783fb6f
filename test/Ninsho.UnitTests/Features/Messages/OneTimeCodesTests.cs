using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Ninsho.Core.Messages;
using Ninsho.Core.Users;
using Xunit;

namespace Ninsho.UnitTests.Features.Messages;

public sealed class OneTimeCodesTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Issues_six_digit_codes_and_stores_only_a_hash()
    {
        var codes = new OneTimeCodes(_clock);

        var (code, state) = codes.Issue(new UserState(), OneTimeCodes.SignUp, OneTimeCodes.SignUpValidity);

        Assert.Matches("^[0-9]{6}$", code);
        Assert.DoesNotContain(code, state.Write(), StringComparison.Ordinal);
        Assert.True(OneTimeCodes.HasPending(state, OneTimeCodes.SignUp));
    }

    [Fact]
    public void Keeps_other_feature_state_in_the_extra_json()
    {
        var codes = new OneTimeCodes(_clock);

        var (code, state) = codes.Issue(UserState.Read("""{"mfa":{"sms":true}}"""), OneTimeCodes.SignUp, OneTimeCodes.SignUpValidity);
        var (outcome, after) = codes.Check(state, OneTimeCodes.SignUp, code);

        Assert.Equal(CodeCheck.Valid, outcome);
        Assert.True(JsonNode.Parse(after.Write())!["mfa"]!["sms"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData(OneTimeCodes.SignUp, 24 * 60)]
    [InlineData(OneTimeCodes.ForgotPassword, 60)]
    public void A_code_is_valid_until_one_second_before_its_expiry(string purpose, int minutes)
    {
        var codes = new OneTimeCodes(_clock);
        var validity = purpose == OneTimeCodes.SignUp ? OneTimeCodes.SignUpValidity : OneTimeCodes.ForgotPasswordValidity;
        Assert.Equal(TimeSpan.FromMinutes(minutes), validity);
        var (code, state) = codes.Issue(new UserState(), purpose, validity);

        _clock.Advance(validity - TimeSpan.FromSeconds(1));
        Assert.Equal(CodeCheck.Valid, codes.Check(state, purpose, code).Outcome);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(CodeCheck.Expired, codes.Check(state, purpose, code).Outcome);
    }

    [Fact]
    public void A_code_is_single_use()
    {
        var codes = new OneTimeCodes(_clock);
        var (code, state) = codes.Issue(new UserState(), OneTimeCodes.ForgotPassword, OneTimeCodes.ForgotPasswordValidity);

        var (first, after) = codes.Check(state, OneTimeCodes.ForgotPassword, code);
        var (second, _) = codes.Check(after, OneTimeCodes.ForgotPassword, code);

        Assert.Equal(CodeCheck.Valid, first);
        Assert.Equal(CodeCheck.Missing, second);
        Assert.False(OneTimeCodes.HasPending(after, OneTimeCodes.ForgotPassword));
    }

    [Fact]
    public void Codes_of_one_purpose_do_not_open_another()
    {
        var codes = new OneTimeCodes(_clock);
        var (code, state) = codes.Issue(new UserState(), OneTimeCodes.SignUp, OneTimeCodes.SignUpValidity);

        Assert.Equal(CodeCheck.Missing, codes.Check(state, OneTimeCodes.ForgotPassword, code).Outcome);
    }

    [Fact]
    public void Wrong_codes_count_and_the_fifth_drops_the_code()
    {
        var codes = new OneTimeCodes(_clock);
        var (code, state) = codes.Issue(new UserState(), OneTimeCodes.SignUp, OneTimeCodes.SignUpValidity);
        var wrong = code == "000000" ? "111111" : "000000";

        for (var i = 1; i < OneTimeCodes.MaxAttempts; i++)
        {
            (var outcome, state) = codes.Check(state, OneTimeCodes.SignUp, wrong);
            Assert.Equal(CodeCheck.Mismatch, outcome);
        }

        (var last, state) = codes.Check(state, OneTimeCodes.SignUp, wrong);
        Assert.Equal(CodeCheck.TooManyAttempts, last);
        Assert.Equal(CodeCheck.Missing, codes.Check(state, OneTimeCodes.SignUp, code).Outcome);
    }

    [Fact]
    public void A_new_code_replaces_the_old_one()
    {
        var codes = new OneTimeCodes(_clock);
        var (first, state) = codes.Issue(new UserState(), OneTimeCodes.SignUp, OneTimeCodes.SignUpValidity);
        string second;
        do
        {
            (second, var next) = codes.Issue(state, OneTimeCodes.SignUp, OneTimeCodes.SignUpValidity);
            if (second != first)
            {
                state = next;
            }
        }
        while (second == first);

        Assert.Equal(CodeCheck.Mismatch, codes.Check(state, OneTimeCodes.SignUp, first).Outcome);
        Assert.Equal(CodeCheck.Valid, codes.Check(state, OneTimeCodes.SignUp, second).Outcome);
    }
}
