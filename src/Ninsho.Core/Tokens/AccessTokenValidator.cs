using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ninsho.Storage;

namespace Ninsho.Core.Tokens;

/// <summary>Validates the access tokens this server issued (GetUser, GlobalSignOut, …): RS256 signature with the
/// pool key named by the header's <c>kid</c>, then <c>token_use</c>, <c>iss</c> and <c>exp</c>. Revocation
/// (origin_jti, TokensValidAfter) is the caller's job. Never throws for bad input.</summary>
/// <remarks>Use and issuer are checked before expiry, so "expired" is only reported for a token that would
/// otherwise have been accepted here.</remarks>
internal sealed class AccessTokenValidator(SigningKeyCache keys, TimeProvider clock, AccessTokenValidatorOptions? options = null)
{
    /// <summary>Far above any token we mint (about 1 KB); bounds the work done for garbage.</summary>
    public const int MaxTokenLength = 16 * 1024;

    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    private readonly TimeSpan _clockSkew = options?.ClockSkew ?? TimeSpan.Zero;

    private readonly VerifiedAccessTokens _verified = new();

    public AccessTokenValidationResult Validate(string? token, string expectedIssuer, IReadOnlyList<StoredSigningKey> poolKeys)
    {
        ArgumentNullException.ThrowIfNull(expectedIssuer);
        ArgumentNullException.ThrowIfNull(poolKeys);

        // What a valid signature proves about a token never changes (a pool's keys never change): a token this
        // node has accepted before skips the RSA check and the parsing, not the expiry check.
        var verified = token is { Length: <= MaxTokenLength } ? _verified.Find(token) : null;
        if (verified is not null
            && string.Equals(verified.Issuer, expectedIssuer, StringComparison.Ordinal)
            && FindKey(poolKeys, verified.KeyId) is not null)
        {
            return Expired(verified.Claims)
                ? AccessTokenValidationResult.Invalid(AccessTokenFailure.Expired)
                : AccessTokenValidationResult.Valid(verified.Claims);
        }

        var result = ValidateUncached(token, expectedIssuer, poolKeys, out var keyId);
        if (result.Claims is { } accepted)
        {
            _verified.Add(token!, new VerifiedAccessTokens.Entry(expectedIssuer, keyId, accepted));
        }

        return result;
    }

    private bool Expired(AccessTokenClaims claims) => clock.GetUtcNow() >= claims.ExpiresAt + _clockSkew;

    private AccessTokenValidationResult ValidateUncached(string? token, string expectedIssuer, IReadOnlyList<StoredSigningKey> poolKeys, out string keyId)
    {
        keyId = "";
        if (!TrySplit(token, out var headerEnd, out var payloadEnd))
        {
            return AccessTokenValidationResult.Invalid(AccessTokenFailure.Malformed);
        }

        if (!TryReadHeader(token.AsSpan(0, headerEnd), out keyId))
        {
            return AccessTokenValidationResult.Invalid(AccessTokenFailure.Malformed);
        }

        var stored = FindKey(poolKeys, keyId);
        if (stored is null)
        {
            return AccessTokenValidationResult.Invalid(AccessTokenFailure.UnknownKey);
        }

        var key = keys.Get(stored);
        var signature = new byte[Base64Url.GetMaxDecodedLength(token.Length - payloadEnd - 1)];
        if (!TryDecode(token.AsSpan(payloadEnd + 1), signature, out var signatureLength)
            || signatureLength != key.SignatureBytes
            || !key.Rsa.VerifyData(
                Encoding.ASCII.GetBytes(token, 0, payloadEnd),
                signature.AsSpan(0, signatureLength),
                HashAlgorithmName.SHA256,
                RSASignaturePadding.Pkcs1))
        {
            return AccessTokenValidationResult.Invalid(AccessTokenFailure.BadSignature);
        }

        var payload = DecodeSegment(token.AsSpan(headerEnd + 1, payloadEnd - headerEnd - 1));
        if (payload is null)
        {
            return AccessTokenValidationResult.Invalid(AccessTokenFailure.Malformed);
        }

        var failure = ReadClaims(payload, key.Use, expectedIssuer, out var claims);
        if (claims is null)
        {
            return AccessTokenValidationResult.Invalid(failure);
        }

        if (Expired(claims))
        {
            return AccessTokenValidationResult.Invalid(AccessTokenFailure.Expired);
        }

        return AccessTokenValidationResult.Valid(claims);
    }

    /// <summary>The <c>iss</c> claim of a JWT, without checking anything else, to find which pool to validate it
    /// against; null for anything unreadable.</summary>
    public static string? ReadUnverifiedIssuer(string? token)
    {
        if (!TrySplit(token, out var headerEnd, out var payloadEnd))
        {
            return null;
        }

        var payload = DecodeSegment(token.AsSpan(headerEnd + 1, payloadEnd - headerEnd - 1));
        if (payload is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("iss", out var iss)
                && iss.ValueKind == JsonValueKind.String
                    ? iss.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Exactly three non-empty base64url segments.</summary>
    private static bool TrySplit([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? token, out int headerEnd, out int payloadEnd)
    {
        headerEnd = payloadEnd = -1;
        if (token is null || token.Length > MaxTokenLength || token.AsSpan().ContainsAnyExcept(TokenChars))
        {
            return false;
        }

        headerEnd = token.IndexOf('.', StringComparison.Ordinal);
        payloadEnd = headerEnd < 0 ? -1 : token.IndexOf('.', headerEnd + 1);
        return headerEnd > 0
            && payloadEnd > headerEnd + 1
            && payloadEnd < token.Length - 1
            && token.IndexOf('.', payloadEnd + 1) < 0;
    }

    private static bool TryReadHeader(ReadOnlySpan<char> segment, out string keyId)
    {
        keyId = "";
        var header = DecodeSegment(segment);
        if (header is null)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(header);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("alg", out var alg) || !alg.ValueEquals("RS256")
                || !root.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            keyId = kid.GetString()!;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Checks <c>token_use</c> (and the signing key's use), then <c>iss</c>, then reads the other claims;
    /// <paramref name="claims"/> is set exactly when the result is <see cref="AccessTokenFailure.None"/>. An ID token
    /// lacks <c>client_id</c>, so use must be decided before completeness.</summary>
    private static AccessTokenFailure ReadClaims(byte[] payload, string keyUse, string expectedIssuer, out AccessTokenClaims? claims)
    {
        claims = null;
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return AccessTokenFailure.Malformed;
            }

            var tokenUse = StringClaim(root, "token_use");
            var issuer = StringClaim(root, "iss");
            if (tokenUse is null || issuer is null)
            {
                return AccessTokenFailure.Malformed;
            }

            if (!string.Equals(tokenUse, "access", StringComparison.Ordinal)
                || !string.Equals(keyUse, SigningKeyUse.Access, StringComparison.Ordinal))
            {
                return AccessTokenFailure.WrongUse;
            }

            if (!string.Equals(issuer, expectedIssuer, StringComparison.Ordinal))
            {
                return AccessTokenFailure.WrongIssuer;
            }

            var sub = StringClaim(root, "sub");
            var clientId = StringClaim(root, "client_id");
            var jti = StringClaim(root, "jti");
            var iat = NumericDate(root, "iat");
            var exp = NumericDate(root, "exp");
            if (sub is null || clientId is null || jti is null || iat is null || exp is null)
            {
                return AccessTokenFailure.Malformed;
            }

            claims = new AccessTokenClaims(
                sub,
                StringClaim(root, "username"),
                clientId,
                StringClaim(root, "origin_jti"),
                jti,
                iat.Value,
                exp.Value,
                StringClaim(root, "scope") ?? "",
                StringClaim(root, "event_id"),
                NumericDate(root, "auth_time"));
            return AccessTokenFailure.None;
        }
        catch (JsonException)
        {
            return AccessTokenFailure.Malformed;
        }
    }

    private static string? StringClaim(JsonElement root, string name)
    {
        return root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    /// <summary>A NumericDate within DateTimeOffset's range, else null.</summary>
    private static DateTimeOffset? NumericDate(JsonElement root, string name)
    {
        const long MaxSeconds = 253_402_300_799; // 9999-12-31T23:59:59Z
        const long MinSeconds = -62_135_596_800; // 0001-01-01T00:00:00Z
        return root.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.Number
            && value.TryGetInt64(out var seconds)
            && seconds is >= MinSeconds and <= MaxSeconds
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
    }

    private static StoredSigningKey? FindKey(IReadOnlyList<StoredSigningKey> poolKeys, string keyId)
    {
        foreach (var key in poolKeys)
        {
            if (string.Equals(key.KeyId, keyId, StringComparison.Ordinal))
            {
                return key;
            }
        }

        return null;
    }

    private static byte[]? DecodeSegment(ReadOnlySpan<char> segment)
    {
        var buffer = new byte[Base64Url.GetMaxDecodedLength(segment.Length)];
        return TryDecode(segment, buffer, out var written) ? buffer[..written] : null;
    }

    private static bool TryDecode(ReadOnlySpan<char> segment, Span<byte> destination, out int written)
    {
        var status = Base64Url.DecodeFromChars(segment, destination, out var consumed, out written);
        return status == OperationStatus.Done && consumed == segment.Length;
    }
}
