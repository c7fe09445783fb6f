using Ninsho.Core.Security;
using Xunit;

namespace Ninsho.UnitTests.Security;

public sealed class PasswordPolicyCheckerTests
{
    private static readonly PasswordPolicyRules Default = PasswordPolicyRules.Default;

    [Fact]
    public void Defaults_are_Cognitos()
    {
        Assert.Equal(
            new PasswordPolicyRules
            {
                MinimumLength = 8,
                RequireUppercase = true,
                RequireLowercase = true,
                RequireNumbers = true,
                RequireSymbols = true,
                TemporaryPasswordValidityDays = 7,
            },
            Default);
    }

    [Fact]
    public void Accepts_a_password_meeting_every_rule()
    {
        Assert.Null(PasswordPolicyChecker.FirstViolation("Passw0rd!", Default));
    }

    [Fact]
    public void Length_limit_both_sides()
    {
        Assert.Equal("Password not long enough", PasswordPolicyChecker.FirstViolation("Pass0r!", Default)); // 7
        Assert.Null(PasswordPolicyChecker.FirstViolation("Passw0r!", Default)); // 8
        var rules = Default with { MinimumLength = 12 };
        Assert.Equal("Password not long enough", PasswordPolicyChecker.FirstViolation("Passw0rd!ab", rules)); // 11
        Assert.Null(PasswordPolicyChecker.FirstViolation("Passw0rd!abc", rules)); // 12
    }

    [Theory]
    [InlineData("ab", "Password not long enough")]
    [InlineData("password", "Password must have uppercase characters")]
    [InlineData("PASSWORD", "Password must have lowercase characters")]
    [InlineData("Password", "Password must have numeric characters")]
    [InlineData("Passw0rd", "Password must have symbol characters")]
    [InlineData("passw0rd!", "Password must have uppercase characters")]
    [InlineData("PASSW0RD!", "Password must have lowercase characters")]
    [InlineData("Password!", "Password must have numeric characters")]
    public void Reports_the_first_failing_rule_in_Cognitos_order(string password, string expected)
    {
        Assert.Equal(expected, PasswordPolicyChecker.FirstViolation(password, Default));
    }

    [Fact]
    public void Disabled_rules_are_not_checked()
    {
        var none = new PasswordPolicyRules
        {
            MinimumLength = 6,
            RequireUppercase = false,
            RequireLowercase = false,
            RequireNumbers = false,
            RequireSymbols = false,
        };
        Assert.Null(PasswordPolicyChecker.FirstViolation("aaaaaa", none));
        Assert.Equal("Password not long enough", PasswordPolicyChecker.FirstViolation("aaaaa", none));
        Assert.Null(PasswordPolicyChecker.FirstViolation("password", Default with { RequireUppercase = false, RequireNumbers = false, RequireSymbols = false }));
    }

    [Fact]
    public void Other_characters_are_allowed_alongside_the_required_ones()
    {
        Assert.Null(PasswordPolicyChecker.FirstViolation("パスワードAa1!", Default));
    }

    [Theory]
    [InlineData("ÄÖÜéàü1!", "Password must have uppercase characters")] // accented letters don't count
    [InlineData("ＡＢＣabc1!", "Password must have uppercase characters")] // full-width Latin doesn't count
    [InlineData("ABCäöü1!", "Password must have lowercase characters")]
    [InlineData("ABCabc１２!", "Password must have numeric characters")] // full-width digits don't count
    [InlineData("ABCabc٣!", "Password must have numeric characters")] // Arabic-Indic digit doesn't count
    [InlineData("ABCabc12€", "Password must have symbol characters")] // € is not in Cognito's list
    [InlineData("ABCabc12§", "Password must have symbol characters")]
    [InlineData("パスワードAb1", "Password must have symbol characters")]
    public void Letters_and_digits_mean_Basic_Latin_and_symbols_mean_Cognitos_list(string password, string expected)
    {
        Assert.Equal(expected, PasswordPolicyChecker.FirstViolation(password, Default));
    }

    [Fact]
    public void Every_listed_symbol_and_space_counts()
    {
        const string symbols = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";
        Assert.Equal(33, symbols.Length);
        foreach (var symbol in symbols)
        {
            Assert.Null(PasswordPolicyChecker.FirstViolation("Passw0rd" + symbol, Default));
        }
    }

    [Fact]
    public void Length_counts_UTF16_code_units()
    {
        var rules = Default with { MinimumLength = 8 };
        // "Aa1!" + two emoji (2 code units each) = 8 code units.
        Assert.Null(PasswordPolicyChecker.FirstViolation("Aa1!😀😀", rules));
        Assert.Equal("Password not long enough", PasswordPolicyChecker.FirstViolation("Aa1!😀x", rules));
    }
}
