using System.Numerics;
using System.Runtime.InteropServices;
using Ninsho.Core.Security.OpenSsl;

namespace Ninsho.Core.Security.Srp;

/// <summary>SRP's arithmetic modulo <see cref="SrpGroup.N"/> in libcrypto: powers by <c>BN_mod_exp_mont_consttime</c>
/// and the fixed-base table's products by <c>BN_mod_mul_montgomery</c>. OpenSSL's assembly Montgomery products are
/// ~4× faster here than <see cref="SrpMontgomery"/>'s managed ones (a 256-bit power mod the 3072-bit N: ~0.85 ms
/// against ~4 ms), and its exponentiation does not branch on the secret exponent.
/// libcrypto is on every Linux machine .NET runs on (.NET's own cryptography calls it); where it can't be loaded
/// (Windows, macOS), its methods answer null and callers use the managed arithmetic.</summary>
internal static partial class OpenSslModArithmetic
{
    private const string Library = LibCrypto.Name;

    private static readonly Lazy<Native?> Shared = new(Load);

    /// <summary>True when libcrypto was loaded, i.e. <see cref="TryPow"/> uses it.</summary>
    public static bool IsAvailable => Shared.Value is not null;

    /// <summary>value^exponent mod N for 0 ≤ value, 0 ≤ exponent; null when libcrypto is not available.</summary>
    public static BigInteger? TryPow(BigInteger value, BigInteger exponent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value.Sign, nameof(value));
        ArgumentOutOfRangeException.ThrowIfNegative(exponent.Sign, nameof(exponent));
        return Shared.Value?.Pow(value, exponent);
    }

    /// <summary>The product of table entries in Montgomery form (R = 2^3072, 48 little-endian limbs each, as
    /// <see cref="SrpMontgomery"/> keeps them; libcrypto's R for this N is the same), returned in ordinary form;
    /// null when libcrypto is not available.</summary>
    public static BigInteger? TryMontgomeryProduct(ReadOnlySpan<ulong> table, ReadOnlySpan<int> entryOffsets) =>
        Shared.Value?.MontgomeryProduct(table, entryOffsets);

    private static Native? Load()
    {
        try
        {
            return LibCrypto.TryRegister() ? new Native() : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The modulus and its Montgomery context, made once and only read afterwards (OpenSSL allows sharing a
    /// BN_MONT_CTX between threads for exponentiation).</summary>
    private sealed class Native
    {
        private readonly IntPtr _modulus;
        private readonly IntPtr _montgomery;

        public Native()
        {
            var context = BN_CTX_new();
            try
            {
                _modulus = FromInteger(SrpGroup.N);
                _montgomery = BN_MONT_CTX_new();
                if (context == IntPtr.Zero || _modulus == IntPtr.Zero || _montgomery == IntPtr.Zero
                    || BN_MONT_CTX_set(_montgomery, _modulus, context) != 1)
                {
                    throw new InvalidOperationException("libcrypto could not set up the SRP modulus.");
                }
            }
            finally
            {
                BN_CTX_free(context);
            }
        }

        public BigInteger Pow(BigInteger value, BigInteger exponent)
        {
            var context = BN_CTX_new();
            var result = BN_new();
            var a = IntPtr.Zero;
            var p = IntPtr.Zero;
            try
            {
                a = FromInteger(value % SrpGroup.N);
                p = FromInteger(exponent);
                if (context == IntPtr.Zero || result == IntPtr.Zero || a == IntPtr.Zero || p == IntPtr.Zero
                    || BN_mod_exp_mont_consttime(result, a, p, _modulus, context, _montgomery) != 1)
                {
                    throw new InvalidOperationException("libcrypto's modular exponentiation failed.");
                }

                var bytes = new byte[SrpGroup.ModulusBytes];
                if (BN_bn2binpad(result, bytes, bytes.Length) != bytes.Length)
                {
                    throw new InvalidOperationException("libcrypto's result did not fit the modulus.");
                }

                return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
            }
            finally
            {
                // The exponent is a secret (b, x): clear it, not just free it.
                BN_clear_free(p);
                BN_clear_free(a);
                BN_clear_free(result);
                BN_CTX_free(context);
            }
        }

        public BigInteger MontgomeryProduct(ReadOnlySpan<ulong> table, ReadOnlySpan<int> entryOffsets)
        {
            var context = BN_CTX_new();
            var result = BN_new();
            var entry = BN_new();
            try
            {
                if (context == IntPtr.Zero || result == IntPtr.Zero || entry == IntPtr.Zero)
                {
                    throw new InvalidOperationException("libcrypto could not allocate.");
                }

                var first = true;
                foreach (var offset in entryOffsets)
                {
                    var limbs = MemoryMarshal.AsBytes(table.Slice(offset, SrpMontgomery.Limbs));
                    if (BN_lebin2bn(limbs, limbs.Length, first ? result : entry) == IntPtr.Zero
                        || (!first && BN_mod_mul_montgomery(result, result, entry, _montgomery, context) != 1))
                    {
                        throw new InvalidOperationException("libcrypto's Montgomery product failed.");
                    }

                    first = false;
                }

                if (first)
                {
                    return BigInteger.One;
                }

                var bytes = new byte[SrpGroup.ModulusBytes];
                if (BN_from_montgomery(result, result, _montgomery, context) != 1
                    || BN_bn2binpad(result, bytes, bytes.Length) != bytes.Length)
                {
                    throw new InvalidOperationException("libcrypto's Montgomery product failed.");
                }

                return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
            }
            finally
            {
                BN_clear_free(entry);
                BN_clear_free(result);
                BN_CTX_free(context);
            }
        }

        private static IntPtr FromInteger(BigInteger value)
        {
            var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
            return BN_bin2bn(bytes, bytes.Length, IntPtr.Zero);
        }
    }

    [LibraryImport(Library)]
    private static partial IntPtr BN_CTX_new();

    [LibraryImport(Library)]
    private static partial void BN_CTX_free(IntPtr context);

    [LibraryImport(Library)]
    private static partial IntPtr BN_new();

    [LibraryImport(Library)]
    private static partial void BN_clear_free(IntPtr number);

    [LibraryImport(Library)]
    private static partial IntPtr BN_bin2bn(byte[] bytes, int length, IntPtr into);

    [LibraryImport(Library)]
    private static partial int BN_bn2binpad(IntPtr number, byte[] into, int length);

    [LibraryImport(Library)]
    private static partial IntPtr BN_lebin2bn(ReadOnlySpan<byte> bytes, int length, IntPtr into);

    [LibraryImport(Library)]
    private static partial int BN_mod_mul_montgomery(IntPtr result, IntPtr a, IntPtr b, IntPtr montgomery, IntPtr context);

    [LibraryImport(Library)]
    private static partial int BN_from_montgomery(IntPtr result, IntPtr value, IntPtr montgomery, IntPtr context);

    [LibraryImport(Library)]
    private static partial IntPtr BN_MONT_CTX_new();

    [LibraryImport(Library)]
    private static partial int BN_MONT_CTX_set(IntPtr montgomery, IntPtr modulus, IntPtr context);

    [LibraryImport(Library)]
    private static partial int BN_mod_exp_mont_consttime(IntPtr result, IntPtr value, IntPtr exponent, IntPtr modulus, IntPtr context, IntPtr montgomery);
}
