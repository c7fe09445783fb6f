using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Ninsho.Core.Security.OpenSsl;

namespace Ninsho.Core.Tokens;

/// <summary>RS256 signatures (RSASSA-PKCS1-v1_5 over SHA-256) with its own copy of the key. Not thread-safe: a
/// signature rents one from the key's <see cref="Rs256SignerPool"/>.</summary>
/// <remarks>
/// Two costs of .NET's <see cref="RSA.SignData(byte[], HashAlgorithmName, RSASignaturePadding)"/> on a shared key
/// object are avoided here (bench/README.md, "One RSA object per signing thread"):
/// <list type="bullet">
/// <item>OpenSSL blinds every private-key operation with state kept on the key object, under a lock; a key shared by
/// threads serialises its signatures there, and a thread preempted while it holds the lock leaves the other cores
/// idle. Each signer imports its own key object, and one signature at a time uses it.</item>
/// <item>.NET makes, initialises and frees an <c>EVP_PKEY_CTX</c> per signature (OpenSSL 3 looks the algorithm up
/// again each time). On OpenSSL 3 the signer keeps one context, set up once, and calls <c>EVP_PKEY_sign</c> on it, as
/// <c>openssl speed</c> does; the signature is the same bytes (PKCS#1 v1.5 is deterministic). Where .NET does not
/// run on OpenSSL 3 (Windows, macOS, OpenSSL 1.1) the signer uses <c>SignData</c> on its own key object.</item>
/// </list>
/// </remarks>
internal sealed partial class Rs256Signer : IDisposable
{
    private const int RsaPkcs1Padding = 1;

    private readonly RSA _rsa;
    private readonly SafeEvpPKeyContextHandle? _context;
    private readonly int _signatureBytes;

    private Rs256Signer(RSA rsa, SafeEvpPKeyContextHandle? context)
    {
        _rsa = rsa;
        _context = context;
        _signatureBytes = rsa.KeySize / 8;
    }

    /// <summary>True when signatures go through the kept OpenSSL context (Linux with OpenSSL 3).</summary>
    public bool UsesKeptContext => _context is not null;

    /// <summary>A signer with its own key object imported from <paramref name="pkcs8"/>.</summary>
    public static Rs256Signer Create(byte[] pkcs8)
    {
        if (OperatingSystem.IsLinux() && SafeEvpPKeyHandle.OpenSslVersion >> 28 == 3 && LibCrypto.TryRegister())
        {
            var rsa = new RSAOpenSsl();
            try
            {
                rsa.ImportPkcs8PrivateKey(pkcs8, out _);
                return new Rs256Signer(rsa, KeptContext(rsa));
            }
            catch
            {
                rsa.Dispose();
                throw;
            }
        }

        return new Rs256Signer(Import(pkcs8), null);
    }

    /// <summary>Releases the key object and the kept context.</summary>
    public void Dispose()
    {
        _context?.Dispose();
        _rsa.Dispose();
    }

    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        if (_context is null)
        {
            return _rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        _ = SHA256.HashData(data, hash);
        var signature = new byte[_signatureBytes];
        var length = (nuint)signature.Length;
        if (EVP_PKEY_sign(_context, signature, ref length, hash, (nuint)hash.Length) != 1 || length != (nuint)signature.Length)
        {
            ERR_clear_error();
            throw new CryptographicException("OpenSSL could not make the RS256 signature.");
        }

        return signature;
    }

    /// <summary>A signing context for <paramref name="rsa"/>'s key, PKCS#1 v1.5 with SHA-256, or null when this
    /// libcrypto lacks what it needs (then SignData signs).</summary>
    private static SafeEvpPKeyContextHandle? KeptContext(RSAOpenSsl rsa)
    {
        try
        {
            using var key = rsa.DuplicateKeyHandle();
            var context = EVP_PKEY_CTX_new(key, IntPtr.Zero);
            if (context.IsInvalid
                || EVP_PKEY_sign_init(context) != 1
                || EVP_PKEY_CTX_set_rsa_padding(context, RsaPkcs1Padding) != 1
                || EVP_PKEY_CTX_set_signature_md(context, EVP_sha256()) != 1)
            {
                ERR_clear_error();
                context.Dispose();
                return null;
            }

            return context;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>An RSA key object from a PKCS#8 private key.</summary>
    internal static RSA Import(byte[] pkcs8)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return rsa;
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    [LibraryImport(LibCrypto.Name)]
    private static partial SafeEvpPKeyContextHandle EVP_PKEY_CTX_new(SafeEvpPKeyHandle key, IntPtr engine);

    [LibraryImport(LibCrypto.Name)]
    private static partial void EVP_PKEY_CTX_free(IntPtr context);

    [LibraryImport(LibCrypto.Name)]
    private static partial int EVP_PKEY_sign_init(SafeEvpPKeyContextHandle context);

    [LibraryImport(LibCrypto.Name)]
    private static partial int EVP_PKEY_CTX_set_rsa_padding(SafeEvpPKeyContextHandle context, int padding);

    [LibraryImport(LibCrypto.Name)]
    private static partial int EVP_PKEY_CTX_set_signature_md(SafeEvpPKeyContextHandle context, IntPtr digest);

    [LibraryImport(LibCrypto.Name)]
    private static partial IntPtr EVP_sha256();

    [LibraryImport(LibCrypto.Name)]
    private static partial int EVP_PKEY_sign(SafeEvpPKeyContextHandle context, byte[] signature, ref nuint signatureLength, ReadOnlySpan<byte> digest, nuint digestLength);

    [LibraryImport(LibCrypto.Name)]
    private static partial void ERR_clear_error();

    /// <summary>An <c>EVP_PKEY_CTX*</c>, freed with the signer (it holds its own reference to the key).</summary>
    private sealed class SafeEvpPKeyContextHandle : SafeHandle
    {
        public SafeEvpPKeyContextHandle()
            : base(IntPtr.Zero, ownsHandle: true)
        {
        }

        public override bool IsInvalid => handle == IntPtr.Zero;

        protected override bool ReleaseHandle()
        {
            EVP_PKEY_CTX_free(handle);
            return true;
        }
    }
}
