using Ninsho.Core.Features.RiskConfiguration;
using Ninsho.Core.Features.UICustomization;
using Ninsho.Protocol.Errors;

using Xunit;

namespace Ninsho.UnitTests.Features;

/// <summary>The checks of risk configuration IP ranges and classic hosted UI CSS, case by case.</summary>
public sealed class PoolConfigurationRulesTests
{
    [Theory]
    [InlineData("192.0.2.0/24", true)]
    [InlineData("0.0.0.0/0", true)]
    [InlineData("203.0.113.7/32", true)]
    [InlineData("2001:db8::/32", true)]
    [InlineData("::/0", true)]
    [InlineData("::1/128", true)]
    [InlineData("192.0.2.1", false)]
    [InlineData("192.0.2.0/33", false)]
    [InlineData("192.0.2.0/", false)]
    [InlineData("/24", false)]
    [InlineData("10.1/8", false)]
    [InlineData("10/8", false)]
    [InlineData("256.0.0.0/8", false)]
    [InlineData("192.0.2.0/-1", false)]
    [InlineData("192.0.2.0/+8", false)]
    [InlineData("192.0.2.0/0008", false)]
    [InlineData("2001:db8::/129", false)]
    [InlineData("fe80::1%eth0/64", false)]
    [InlineData("example.com/24", false)]
    public void Accepts_only_cidr_ranges(string range, bool valid) => Assert.Equal(valid, RiskConfigurationRules.IsCidr(range));

    [Theory]
    [InlineData("")]
    [InlineData(".logo-customizable { max-width: 60%; }")]
    [InlineData("/* brand */ .submitButton-customizable:hover, .label-customizable { color: #fff; }\n.background-customizable{}")]
    public void Accepts_css_of_the_template_classes(string css) => UICustomizationCss.Check(css);

    [Theory]
    [InlineData("body { color: red; }", "The CSS selector body is not supported: use only the classes of the hosted UI CSS template.")]
    [InlineData(".logo-customizable, .x { color: red; }", "The CSS selector .x is not supported: use only the classes of the hosted UI CSS template.")]
    [InlineData(".logo-customizable { color: red; } stray", "The CSS selector stray is not supported: use only the classes of the hosted UI CSS template.")]
    [InlineData(".logo-customizable { color: red;", "The CSS selector .logo-customizable is not supported: use only the classes of the hosted UI CSS template.")]
    [InlineData("@media print { .logo-customizable { color: red; } }", "The CSS must not contain @media.")]
    [InlineData(".label-customizable { content: '<script>'; }", "The CSS must not contain <.")]
    [InlineData(".label-customizable { background: url(JavaScript:x); }", "The CSS must not contain javascript.")]
    public void Refuses_other_css(string css, string message)
    {
        var error = Assert.Throws<CognitoException>(() => UICustomizationCss.Check(css));

        Assert.Equal(("InvalidParameterException", message), (error.Type, error.Message));
    }
}
