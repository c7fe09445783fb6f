using System.Buffers.Text;
using System.Text;
using Ninsho.Protocol.Errors;

namespace Ninsho.Core;

/// <summary>Pagination tokens: the opaque, URL-safe form of a storage keyset position.</summary>
internal static class PaginationTokens
{
    public static string? Encode(string? key) => key is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key));

    public static string? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            throw CognitoErrors.InvalidPaginationToken();
        }
    }
}
