using System.Security.Cryptography;
using System.Text;

namespace Ninsho.Core.Security;

/// <summary>The form in which refresh tokens are stored and looked up: lower-case hex SHA-256 of the token's
/// UTF-8 bytes. The tokens carry 256 random bits, so a fast unsalted hash is enough.</summary>
internal static class TokenHasher
{
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }
}
