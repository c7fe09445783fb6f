namespace Ninsho.Core.Features.HostedUi;

/// <summary>The query of <c>/oauth2/authorize</c> or <c>/login</c> (the login page carries the authorize query
/// along), and the domain prefix when the URL named one (<c>/domain/{prefix}/…</c>).</summary>
public sealed record AuthorizeQuery
{
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

    public string? Domain { get; init; }

    /// <summary>The browser's <c>cognito</c> cookie (its sign-in sessions), if it sent one.</summary>
    public string? Session { get; init; }

    public string? Field(string name) => Fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
