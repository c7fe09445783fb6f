using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ninsho.Core.Features.ManagedLoginBranding;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.HostedUi;

/// <summary>What of an app client's managed login branding style (CreateManagedLoginBranding) the pages of a
/// <c>ManagedLoginVersion: 2</c> domain show, as CSS after the pages' own and a logo
/// (docs/hosted-ui-and-oauth.md#managed-login-branding): the light-mode colours of the page background, the form
/// (background, border, corner radius), the heading and body text, the primary button (and its hover) and the
/// identity-provider buttons' text, and the FORM_LOGO asset (LIGHT or DYNAMIC). Everything else is stored only.</summary>
internal sealed partial class ManagedLoginPageStyle(ManagedLoginBrandingService styles)
{
    public async Task<HostedUiBranding?> BrandingAsync(string userPoolId, string clientId, CancellationToken ct)
    {
        ManagedLoginBrandingType style;
        try
        {
            style = await styles.GetForClientAsync(userPoolId, clientId, ct);
        }
        catch (CognitoException e) when (e.StatusCode < 500)
        {
            // No style for the client: Cognito's defaults, which Ninsho has no copy of: the pages' own look.
            return null;
        }

        var logo = style.Assets?.FirstOrDefault(a => a.Category == "FORM_LOGO" && a.ColorMode is "LIGHT" or "DYNAMIC" && a.Bytes is { Length: > 0 });
        var image = logo is null ? null : $"data:{MediaType(logo.Extension)};base64,{Convert.ToBase64String(logo.Bytes!)}";
        return new HostedUiBranding(style.Settings is { ValueKind: JsonValueKind.Object } settings ? Css(settings) : null, image);
    }

    /// <summary>The CSS of the settings' colours; every colour is checked to be 8 hex digits (RGBA, as the API takes
    /// them), so nothing else reaches the style sheet.</summary>
    public static string Css(JsonElement settings)
    {
        var css = new StringBuilder();
        void Rule(string selector, string property, string? value)
        {
            if (value is not null)
            {
                _ = css.Append(selector).Append('{').Append(property).Append(':').Append(value).Append('}');
            }
        }

        string? Color(params string[] path) => Find(settings, ["components", .. path]) is { ValueKind: JsonValueKind.String } e
            && e.GetString() is { } s && HexColor().IsMatch(s) ? "#" + s : null;

        Rule("body", "background", Color("pageBackground", "lightMode", "color"));
        Rule("main", "background", Color("form", "lightMode", "backgroundColor"));
        Rule("main", "border", Color("form", "lightMode", "borderColor") is { } border ? "1px solid " + border : null);
        Rule("main", "border-radius", Find(settings, ["components", "form", "borderRadius"]) is { ValueKind: JsonValueKind.Number } r
            && r.TryGetDouble(out var radius) && radius is >= 0 and <= 100 ? radius.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "px" : null);
        Rule("h1", "color", Color("pageText", "lightMode", "headingColor"));
        Rule("main p,main label", "color", Color("pageText", "lightMode", "bodyColor"));
        Rule(".submitButton-customizable", "background", Color("primaryButton", "lightMode", "defaults", "backgroundColor"));
        Rule(".submitButton-customizable", "color", Color("primaryButton", "lightMode", "defaults", "textColor"));
        Rule(".submitButton-customizable:hover", "background", Color("primaryButton", "lightMode", "hover", "backgroundColor"));
        Rule(".idpButton-customizable", "color", Color("idpButton", "standard", "lightMode", "defaults", "textColor"));
        return css.ToString();
    }

    private static JsonElement? Find(JsonElement element, string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element;
    }

    private static string MediaType(string extension) => extension switch
    {
        "PNG" => "image/png",
        "JPEG" => "image/jpeg",
        "SVG" => "image/svg+xml",
        "WEBP" => "image/webp",
        _ => "image/x-icon",
    };

    [GeneratedRegex("^[0-9a-fA-F]{8}$")]
    private static partial Regex HexColor();
}
