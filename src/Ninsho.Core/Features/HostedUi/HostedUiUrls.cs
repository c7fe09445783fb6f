using System.Text;

namespace Ninsho.Core.Features.HostedUi;

/// <summary>Builds redirect URLs: the client's redirect URI with OAuth parameters appended to its query.</summary>
internal static class HostedUiUrls
{
    public static string WithQuery(string uri, params (string Name, string? Value)[] parameters)
    {
        var builder = new StringBuilder(uri);
        var separator = uri.Contains('?', StringComparison.Ordinal) ? '&' : '?';
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
