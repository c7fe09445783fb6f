namespace Ninsho.Core.Features.OAuth;

/// <summary>A token request: the form fields, and the client credentials from the Basic header when one was sent.</summary>
public sealed record OAuthTokenRequest
{
    public IReadOnlyDictionary<string, string> Form { get; init; } = new Dictionary<string, string>();

    /// <summary>The client id of <c>Authorization: Basic</c>, when the header was sent.</summary>
    public string? BasicClientId { get; init; }

    public string? BasicClientSecret { get; init; }

    /// <summary>The domain prefix of the URL (<c>/domain/{prefix}/oauth2/token</c>), when the request named one.</summary>
    public string? Domain { get; init; }

    public string? Field(string name) => Form.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
