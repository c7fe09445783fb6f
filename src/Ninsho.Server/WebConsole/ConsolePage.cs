using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ninsho.Server.WebConsole;

/// <summary>What every console page needs besides its data: the antiforgery field of its forms, the nonce of its
/// style and script, the notice of the action that redirected here and the error of one that failed.</summary>
public sealed record ConsolePage(string CsrfField, string CsrfToken, string Nonce, bool LoginOffered)
{
    /// <summary>The notice shown after a redirect (<c>?done=</c>): one of a fixed list, never text from the URL.</summary>
    public string? Notice { get; init; }

    /// <summary>The error of the action this page answers, as the API would have answered it.</summary>
    public string? Error { get; init; }

    /// <summary>The notices an action's redirect may name.</summary>
    public static readonly IReadOnlyDictionary<string, string> Notices = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["created"] = "User created.",
        ["password"] = "Password set.",
        ["confirmed"] = "Sign-up confirmed.",
        ["enabled"] = "User enabled.",
        ["disabled"] = "User disabled.",
        ["signedout"] = "Signed out everywhere: the user's refresh tokens and access tokens are revoked.",
        ["grouped"] = "Added to the group.",
        ["ungrouped"] = "Removed from the group.",
        ["deleted"] = "User deleted.",
    };

    /// <summary>A fresh context for this request: new antiforgery tokens (cookie set), a new nonce, the secure headers.</summary>
    internal static ConsolePage For(HttpContext http, ConsoleAccess access, string? error = null)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        ConsoleAccess.SecureHeaders(http, nonce);
        var done = http.Request.Query["done"].ToString();
        return new ConsolePage(tokens.FormFieldName, tokens.RequestToken ?? "", nonce, access.LoginOffered)
        {
            Notice = Notices.TryGetValue(done, out var notice) ? notice : null,
            Error = error,
        };
    }

    /// <summary>Renders a page component (static server rendering) with these parameters.</summary>
    internal static IResult Render<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] TPage>(IReadOnlyDictionary<string, object?> parameters, int status = 200)
        where TPage : IComponent =>
        new RazorComponentResult<TPage>(parameters) { StatusCode = status, ContentType = "text/html; charset=utf-8" };
}
