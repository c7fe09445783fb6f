using System.Buffers;

namespace Ninsho.Core.Security;

/// <summary>Checks a password against a <see cref="PasswordPolicyRules"/> the way Cognito reports it: the reason
/// for the first failing rule, in the order length, uppercase, lowercase, numbers, symbols.</summary>
internal static class PasswordPolicyChecker
{
    public const string NotLongEnough = "Password not long enough";
    public const string MissingUppercase = "Password must have uppercase characters";
    public const string MissingLowercase = "Password must have lowercase characters";
    public const string MissingNumbers = "Password must have numeric characters";
    public const string MissingSymbols = "Password must have symbol characters";

    /// <summary>The characters Cognito counts as symbols, space included (2023 developer guide).</summary>
    public const string Symbols = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";

    private static readonly SearchValues<char> SymbolValues = SearchValues.Create(Symbols);

    /// <summary>Null when the password satisfies the policy; otherwise Cognito's reason text, to be prefixed by
    /// the caller's "Password does not conform to policy: " (or SignUp's "did not conform with").</summary>
    public static string? FirstViolation(string password, PasswordPolicyRules rules)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(rules);

        // Length counts UTF-16 code units, as Java's String.length() would in Cognito's service.
        if (password.Length < rules.MinimumLength)
        {
            return NotLongEnough;
        }

        if (rules.RequireUppercase && !password.AsSpan().ContainsAnyInRange('A', 'Z'))
        {
            return MissingUppercase;
        }

        if (rules.RequireLowercase && !password.AsSpan().ContainsAnyInRange('a', 'z'))
        {
            return MissingLowercase;
        }

        if (rules.RequireNumbers && !password.AsSpan().ContainsAnyInRange('0', '9'))
        {
            return MissingNumbers;
        }

        if (rules.RequireSymbols && !password.AsSpan().ContainsAny(SymbolValues))
        {
            return MissingSymbols;
        }

        return null;
    }
}
