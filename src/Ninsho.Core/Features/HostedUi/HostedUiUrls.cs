using System.Text;

namespace Ninsho.Core.Features.HostedUi;

/// <summary>Builds redirect URLs: the client's redirect URI with OAuth parameters appended to its query or fragment.</summary>
internal static class HostedUiUrls
{
    public static string WithQuery(string uri, params (string Name, string? Value)[] parameters) =>
        Append(uri, uri.Contains('?', StringComparison.Ordinal) ? '&' : '?', parameters);

    /// <summary>The redirect URI with the parameters in its fragment (the implicit flow's answer); callback URLs
    /// have no fragment of their own.</summary>
    public static string WithFragment(string uri, params (string Name, string? Value)[] parameters) => Append(uri, '#', parameters);

    private static string Append(string uri, char separator, (string Name, string? Value)[] parameters)
    {
        var builder = new StringBuilder(uri);
        foreach (var (name, value) in parameters)
        {
            if (value is null)
            {
                continue;
            }

            _ = builder.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return builder.ToString();
    }
}
