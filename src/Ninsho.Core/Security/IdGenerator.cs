using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Ninsho.Core.Security;

/// <summary>Creates Cognito-shaped identifiers and opaque secrets from a cryptographic random source. Register it
/// as a singleton; pass a <see cref="RandomNumberGenerator"/> only to make tests deterministic. Thread-safe
/// when the random source is (the default one is).</summary>
internal sealed class IdGenerator(RandomNumberGenerator? random = null)
{
    private const string Alphanumerics = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string LowerAlphanumerics = "0123456789abcdefghijklmnopqrstuvwxyz";
    private const string Base32Hex = "0123456789abcdefghijklmnopqrstuv";

    public const int UserPoolSuffixLength = 9;
    public const int ClientIdLength = 26;
    public const int ClientSecretLength = 51;
    public const int RefreshTokenBytes = 32;

    private readonly RandomNumberGenerator _random = random ?? RandomNumberGenerator.Create();

    // Identifiers come from IdentifierRandom's buffer unless a test gave its own source.
    private readonly RandomNumberGenerator? _given = random;

    /// <summary><c>&lt;region&gt;_&lt;9 alphanumerics&gt;</c>, e.g. <c>ap-northeast-1_vi4PeCz78</c>.</summary>
    public string UserPoolId(string region)
    {
        ArgumentException.ThrowIfNullOrEmpty(region);
        Span<char> suffix = stackalloc char[UserPoolSuffixLength];
        Fill(suffix, Alphanumerics);
        return string.Concat(region, "_", suffix);
    }

    /// <summary>128 random bits in lower-case base32hex: 26 characters of <c>[0-9a-v]</c>, the first one
    /// <c>[0-7]</c> (real ids are the same number with leading zeros dropped).</summary>
    public string ClientId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.GetBytes(bytes);
        var value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        Span<char> chars = stackalloc char[ClientIdLength];
        for (var i = ClientIdLength - 1; i >= 0; i--)
        {
            chars[i] = Base32Hex[(int)(value & 31)];
            value >>= 5;
        }

        return new string(chars);
    }

    /// <summary>51 lower-case alphanumerics (about 263 bits), within the model's <c>[\w+]+</c>, 24–64.</summary>
    public string ClientSecret()
    {
        Span<char> chars = stackalloc char[ClientSecretLength];
        Fill(chars, LowerAlphanumerics);
        return new string(chars);
    }

    /// <summary>A random (version 4) UUID, lower-case with hyphens.</summary>
    public string Sub() => UuidV4();

    /// <summary>A random UUID for a token's <c>jti</c> or <c>origin_jti</c>.</summary>
    public string Jti() => UuidV4();

    /// <summary>A sign-in's <c>origin_jti</c>: a version 7 UUID (RFC 9562) whose first 48 bits are
    /// <paramref name="at"/> in Unix milliseconds, the rest random. A global sign-out ends the sessions that began
    /// before it; with refresh tokens that have no row (SealedRefreshTokens) the access tokens tell, to the
    /// millisecond, which side of it their session began (<see cref="OriginTime"/>, AccessTokenAuthenticator).</summary>
    public string OriginJti(DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        Identifiers(bytes);
        Span<byte> time = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(time, at.ToUnixTimeMilliseconds());
        time[2..].CopyTo(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x70); // version 7
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true).ToString("D");
    }

    /// <summary>When the session of <paramref name="originJti"/> began, for an <see cref="OriginJti"/>; null for any other
    /// value (the random origins of earlier versions, whose refresh tokens have rows).</summary>
    public static DateTimeOffset? OriginTime(string? originJti)
    {
        if (!Guid.TryParseExact(originJti, "D", out var guid) || guid.Version != 7)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[16];
        _ = guid.TryWriteBytes(bytes, bigEndian: true, out _);
        Span<byte> time = stackalloc byte[8];
        bytes[..6].CopyTo(time[2..]);
        return DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(time));
    }

    /// <summary>A random UUID for a token's <c>event_id</c>.</summary>
    public string EventId() => UuidV4();

    /// <summary>The first segment of every Cognito refresh token: the base64url of the JWE header
    /// <c>{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}</c> (docs/cognito-behaviour.md#refresh-tokens).</summary>
    public const string RefreshTokenHeader = "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ";

    /// <summary><see cref="RefreshTokenHeader"/>, a dot, then 256 random bits in base64url without padding (43
    /// characters), matching the model's <c>[A-Za-z0-9-_=.]+</c>. Like Cognito's, it begins "eyJ": a token that
    /// began with '-' (1 in 64 did) reads as an option to the aws CLI (<c>--refresh-token -Gf…</c>: "expected one
    /// argument"). Opaque to clients; store only <see cref="TokenHasher.Hash"/> of it.</summary>
    public string RefreshToken()
    {
        Span<byte> bytes = stackalloc byte[RefreshTokenBytes];
        _random.GetBytes(bytes);
        return string.Concat(RefreshTokenHeader, ".", Base64Url.EncodeToString(bytes));
    }

    /// <summary><c>import-</c> and 10 alphanumerics, e.g. <c>import-qQ0DCt2fRh</c> (the model's <c>import-[0-9a-zA-Z-]+</c>).</summary>
    public string ImportJobId()
    {
        Span<char> suffix = stackalloc char[10];
        Fill(suffix, Alphanumerics);
        return string.Concat("import-", suffix);
    }

    private string UuidV4()
    {
        Span<byte> bytes = stackalloc byte[16];
        Identifiers(bytes);
        return IdentifierRandom.AsUuidV4(bytes).ToString("D");
    }

    private void Identifiers(Span<byte> destination)
    {
        if (_given is null)
        {
            IdentifierRandom.Fill(destination);
        }
        else
        {
            _given.GetBytes(destination);
        }
    }

    /// <summary>Uniform characters from <paramref name="alphabet"/> by rejection sampling (no modulo bias).</summary>
    private void Fill(Span<char> destination, string alphabet)
    {
        var limit = 256 - (256 % alphabet.Length);
        Span<byte> buffer = stackalloc byte[64];
        var filled = 0;
        while (filled < destination.Length)
        {
            _random.GetBytes(buffer);
            foreach (var b in buffer)
            {
                if (b < limit)
                {
                    destination[filled++] = alphabet[b % alphabet.Length];
                    if (filled == destination.Length)
                    {
                        break;
                    }
                }
            }
        }
    }
}
