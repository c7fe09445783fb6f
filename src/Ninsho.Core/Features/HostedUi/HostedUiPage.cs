namespace Ninsho.Core.Features.HostedUi;

/// <summary>What a hosted-UI page request leads to: the authorize request was not acceptable (<see cref="Check"/>,
/// not a grant); a redirect (the client's callback with the code, or <c>login</c> for the sign-in page); or a page
/// to show (<see cref="View"/>) with its message, its sealed state and what it displays.</summary>
public sealed record HostedUiPage
{
    public required AuthorizeCheck Check { get; init; }

    /// <summary>The client's redirect URI with the code, or <c>login</c>: the sign-in page of the same request.</summary>
    public string? Redirect { get; init; }

    /// <summary>The new value of the browser's <c>cognito</c> cookie when the sign-in ended here; null leaves it.</summary>
    public string? SessionCookie { get; init; }

    public string View { get; init; } = "";

    /// <summary>The message shown above the form: Cognito's error message.</summary>
    public string? Error { get; init; }

    /// <summary>The sealed state the page's form carries to the next step (hidden field <c>session</c>).</summary>
    public string? State { get; init; }

    /// <summary>What the page shows or fills in: <c>username</c>, <c>destination</c>, <c>challenge</c>,
    /// <c>secret</c>, <c>otpauth</c>, and the values typed before an error.</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The attributes the form asks for (sign-up, new password), or the factors to choose from (MFA choice).</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];
}
