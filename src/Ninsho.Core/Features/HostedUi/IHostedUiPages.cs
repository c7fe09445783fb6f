namespace Ninsho.Core.Features.HostedUi;

/// <summary>The logic of the hosted UI's pages beyond sign-in: sign-up and its confirmation, forgotten password,
/// and the sign-in challenges (new password, MFA codes, MFA choice, TOTP setup). Each runs the same code as the
/// API operation it stands for.</summary>
public interface IHostedUiPages
{
    /// <summary>The empty form of <paramref name="view"/> (sign-up, forgot password) for the authorize request.</summary>
    Task<HostedUiPage> ShowAsync(AuthorizeQuery query, string view, CancellationToken ct);

    /// <summary>Handles the form of <paramref name="view"/> the browser posted.</summary>
    Task<HostedUiPage> SubmitAsync(AuthorizeQuery query, string view, IReadOnlyDictionary<string, string> form, CancellationToken ct);

    /// <summary>The emailed verification link: confirms the user; null when done, else the message to show.</summary>
    Task<string?> ConfirmLinkAsync(AuthorizeQuery query, CancellationToken ct);

    /// <summary>The UI customization the pages of the authorize request's client show; null when none is set or the
    /// request is not acceptable.</summary>
    Task<HostedUiBranding?> BrandingAsync(AuthorizeQuery query, CancellationToken ct);
}
