using Ninsho.Core.Security;
using Xunit;

namespace Ninsho.UnitTests.Security;

public sealed class TemporaryPasswordGeneratorTests
{
    public static TheoryData<int, bool, bool, bool, bool> Policies => new()
    {
        { 8, true, true, true, true },
        { 6, false, false, false, false },
        { 6, true, false, false, false },
        { 6, false, true, false, false },
        { 6, false, false, true, false },
        { 6, false, false, false, true },
        { 12, true, true, true, true },
        { 13, true, true, true, true },
        { 99, true, true, true, true },
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public void Always_satisfies_the_policy(int minimumLength, bool upper, bool lower, bool numbers, bool symbols)
    {
        var rules = new PasswordPolicyRules
        {
            MinimumLength = minimumLength,
            RequireUppercase = upper,
            RequireLowercase = lower,
            RequireNumbers = numbers,
            RequireSymbols = symbols,
        };
        for (var i = 0; i < 500; i++)
        {
            var password = TemporaryPasswordGenerator.Generate(rules);
            Assert.Null(PasswordPolicyChecker.FirstViolation(password, rules));
            Assert.Equal(Math.Max(minimumLength, 12), password.Length);
        }
    }

    [Fact]
    public void Length_is_12_up_to_a_minimum_of_12_and_the_minimum_above()
    {
        Assert.Equal(12, TemporaryPasswordGenerator.Generate(PasswordPolicyRules.Default with { MinimumLength = 11 }).Length);
        Assert.Equal(12, TemporaryPasswordGenerator.Generate(PasswordPolicyRules.Default with { MinimumLength = 12 }).Length);
        Assert.Equal(13, TemporaryPasswordGenerator.Generate(PasswordPolicyRules.Default with { MinimumLength = 13 }).Length);
    }

    [Fact]
    public void Has_no_whitespace_and_differs_each_time()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 1000; i++)
        {
            var password = TemporaryPasswordGenerator.Generate(PasswordPolicyRules.Default);
            Assert.DoesNotContain(password, char.IsWhiteSpace);
            Assert.True(seen.Add(password));
        }
    }

    [Fact]
    public void Leaves_out_symbols_when_the_policy_does_not_require_them()
    {
        var rules = PasswordPolicyRules.Default with { RequireSymbols = false };
        for (var i = 0; i < 200; i++)
        {
            Assert.All(TemporaryPasswordGenerator.Generate(rules), c => Assert.True(char.IsAsciiLetterOrDigit(c)));
        }
    }
}
