using System.Collections.Frozen;
using Ninsho.Protocol.Errors;

namespace Ninsho.Core.Features.UICustomization;

/// <summary>What classic hosted UI branding accepts as CSS: rules whose selectors are classes of Cognito's CSS
/// template, and no HTML, <c>@import</c>, <c>@supports</c>, <c>@page</c>, <c>@media</c> or JavaScript (the
/// developer guide's restrictions). The property checks Cognito documents per class are not applied.</summary>
internal static class UICustomizationCss
{
    private static readonly FrozenSet<string> Selectors = new[]
    {
        ".background-customizable", ".banner-customizable", ".errorMessage-customizable", ".idpButton-customizable",
        ".idpButton-customizable:hover", ".idpDescription-customizable", ".inputField-customizable",
        ".inputField-customizable:focus", ".label-customizable", ".legalText-customizable", ".logo-customizable",
        ".passwordCheck-notValid-customizable", ".passwordCheck-valid-customizable", ".redirect-customizable",
        ".socialButton-customizable", ".submitButton-customizable", ".submitButton-customizable:hover",
        ".textDescription-customizable",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly string[] Forbidden = ["<", "@import", "@supports", "@page", "@media", "javascript"];

    /// <summary>Throws InvalidParameterException for CSS the hosted UI would not accept.</summary>
    public static void Check(string css)
    {
        var text = WithoutComments(css);
        foreach (var found in Forbidden)
        {
            if (text.Contains(found, StringComparison.OrdinalIgnoreCase))
            {
                throw CognitoErrors.UICustomizationCssContent(found);
            }
        }

        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf('{', position);
            var head = (open < 0 ? text[position..] : text[position..open]).Trim();
            if (open < 0)
            {
                if (head.Length > 0)
                {
                    throw CognitoErrors.UICustomizationCssClass(head);
                }

                return;
            }

            foreach (var selector in head.Split(','))
            {
                if (!Selectors.Contains(selector.Trim()))
                {
                    throw CognitoErrors.UICustomizationCssClass(selector.Trim());
                }
            }

            var close = text.IndexOf('}', open + 1);
            if (close < 0 || text.IndexOf('{', open + 1, close - open - 1) >= 0)
            {
                throw CognitoErrors.UICustomizationCssClass(head);
            }

            position = close + 1;
        }
    }

    private static string WithoutComments(string css)
    {
        var text = css;
        for (var start = text.IndexOf("/*", StringComparison.Ordinal); start >= 0; start = text.IndexOf("/*", StringComparison.Ordinal))
        {
            var end = text.IndexOf("*/", start + 2, StringComparison.Ordinal);
            text = end < 0 ? text[..start] : string.Concat(text.AsSpan(0, start), " ", text.AsSpan(end + 2));
        }

        return text;
    }
}
