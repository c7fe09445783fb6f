using System.Security.Cryptography;

namespace Ninsho.Core.Security;

/// <summary>Generates AdminCreateUser's temporary passwords: cryptographically random, always satisfying the
/// pool's policy.</summary>
internal static class TemporaryPasswordGenerator
{
    public const int MinimumGeneratedLength = 12;

    private const string Uppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Lowercase = "abcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";

    // A subset of PasswordPolicyChecker.Symbols without space, quotes, backslash and backtick: the password is
    // pasted into e-mails, SMS and shells, where those characters get mangled or need escaping.
    private const string SafeSymbols = "^$*.[]{}()?!@#%&/,><:;|_~=+-";

    public static string Generate(PasswordPolicyRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var length = Math.Max(rules.MinimumLength, MinimumGeneratedLength);

        // Letters and digits always; symbols only when the policy asks for them.
        var alphabet = rules.RequireSymbols ? Uppercase + Lowercase + Digits + SafeSymbols : Uppercase + Lowercase + Digits;
        var chars = new char[length];
        RandomNumberGenerator.GetItems(alphabet, chars);

        // One guaranteed character per required class in the first positions, then shuffle them all.
        var next = 0;
        if (rules.RequireUppercase)
        {
            chars[next++] = RandomNumberGenerator.GetItems<char>(Uppercase, 1)[0];
        }

        if (rules.RequireLowercase)
        {
            chars[next++] = RandomNumberGenerator.GetItems<char>(Lowercase, 1)[0];
        }

        if (rules.RequireNumbers)
        {
            chars[next++] = RandomNumberGenerator.GetItems<char>(Digits, 1)[0];
        }

        if (rules.RequireSymbols)
        {
            chars[next] = RandomNumberGenerator.GetItems<char>(SafeSymbols, 1)[0];
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
