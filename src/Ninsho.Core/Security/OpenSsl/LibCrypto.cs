using System.Runtime.InteropServices;

namespace Ninsho.Core.Security.OpenSsl;

/// <summary>The one place that finds libcrypto for Ninsho's own calls into it (SRP's arithmetic, RS256 signing):
/// <c>[LibraryImport(LibCrypto.Name)]</c> resolves through <see cref="TryRegister"/>, which a caller runs before its
/// first call. .NET allows one import resolver per assembly, hence one class for every user.</summary>
internal static class LibCrypto
{
    public const string Name = "ninsho-libcrypto";

    // libcrypto's soname differs by OpenSSL major version; 3 first, as .NET's own cryptography loads it first.
    private static readonly string[] Candidates = ["libcrypto.so.3", "libcrypto.so.1.1", "libcrypto.3.dylib"];

    private static readonly Lazy<bool> Registered = new(Register);

    /// <summary>True when the resolver is in place (it may still find no library: calls then throw
    /// <see cref="DllNotFoundException"/>, which callers treat as "not available").</summary>
    public static bool TryRegister() => Registered.Value;

    private static bool Register()
    {
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(LibCrypto).Assembly, Resolve);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static IntPtr Resolve(string name, System.Reflection.Assembly assembly, DllImportSearchPath? path)
    {
        if (!string.Equals(name, Name, StringComparison.Ordinal))
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in Candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }
}
