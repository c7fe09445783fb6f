using System.Buffers;
using System.Buffers.Text;
using System.Collections.Frozen;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ninsho.Core.Security;
using Ninsho.Core.Users;
using Ninsho.Storage;

namespace Ninsho.Core.Tokens;

/// <summary>Mints Cognito's access and ID tokens (docs/cognito-behaviour.md#token-format-and-signing-keys, #access-token-claims, #id-token-claims): header <c>{"kid","alg":"RS256"}</c>
/// with no <c>typ</c>, claims in Cognito's observed order, numeric dates as integers. The JWS is assembled here
/// rather than by JsonWebTokenHandler, which always adds a <c>typ</c> header and orders <c>alg</c> first.</summary>
internal sealed class TokenIssuer(SigningKeyCache keys, IdGenerator ids, TimeProvider clock)
{
    private static readonly FrozenSet<string> ClaimsWrittenElsewhere = FrozenSet.Create(
        StringComparer.Ordinal,
        "sub", "email_verified", "phone_number_verified", "phone_number", "email",
        "iss", "aud", "exp", "iat", "jti", "nbf", "auth_time", "token_use", "event_id", "origin_jti", "nonce", "at_hash",
        "cognito:username", "cognito:groups", "cognito:roles", "cognito:preferred_role");

    public IssuedTokens Issue(TokenIssueRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var accessLifetime = WholeSeconds(request.AccessTokenLifetime, nameof(request.AccessTokenLifetime));
        var idLifetime = WholeSeconds(request.IdTokenLifetime, nameof(request.IdTokenLifetime));

        var iat = clock.GetUtcNow().ToUnixTimeSeconds();
        var authTime = request.AuthTime.ToUnixTimeSeconds();
        var accessJti = ids.Jti();
        var idJti = ids.Jti();

        var now = clock.GetUtcNow();
        var accessKey = keys.Get(NewestKey(request.SigningKeys, SigningKeyUse.Access, now));
        var idKey = keys.Get(NewestKey(request.SigningKeys, SigningKeyUse.Id, now));

        var accessToken = Sign(accessKey, writer => WriteAccessClaims(writer, request, authTime, iat, iat + accessLifetime, accessJti), request.AccessTokenOverrides);
        var atHash = request.IncludeAtHash ? AtHash(accessToken) : null;
        var idToken = Sign(idKey, writer => WriteIdClaims(writer, request, atHash, authTime, iat, iat + idLifetime, idJti), request.IdTokenOverrides);

        return new IssuedTokens(
            accessToken,
            idToken,
            accessJti,
            idJti,
            DateTimeOffset.FromUnixTimeSeconds(iat),
            DateTimeOffset.FromUnixTimeSeconds(iat + accessLifetime),
            DateTimeOffset.FromUnixTimeSeconds(iat + idLifetime));
    }

    // sub, [device_key], [cognito:groups], iss, [version], client_id, origin_jti, event_id,
    // token_use, scope, auth_time, exp, iat, jti, username
    private static void WriteAccessClaims(Utf8JsonWriter writer, TokenIssueRequest request, long authTime, long iat, long exp, string jti)
    {
        writer.WriteString("sub", request.Sub);
        if (request.DeviceKey is not null)
        {
            writer.WriteString("device_key", request.DeviceKey);
        }

        WriteGroups(writer, request.Groups);
        writer.WriteString("iss", request.Issuer);
        if (request.Version is { } version)
        {
            writer.WriteNumber("version", version);
        }

        writer.WriteString("client_id", request.ClientId);
        writer.WriteString("origin_jti", request.OriginJti);
        writer.WriteString("event_id", request.EventId);
        writer.WriteString("token_use", "access");
        writer.WriteString("scope", request.Scope);
        writer.WriteNumber("auth_time", authTime);
        writer.WriteNumber("exp", exp);
        writer.WriteNumber("iat", iat);
        writer.WriteString("jti", jti);
        writer.WriteString("username", request.Username);
    }

    // [at_hash], sub, [cognito:groups], [cognito:preferred_role], [cognito:roles], [email_verified], iss, [phone_number_verified], cognito:username, [nonce],
    // origin_jti, aud, event_id, token_use, auth_time, [phone_number], exp, iat, jti, [email], other attributes
    private static void WriteIdClaims(Utf8JsonWriter writer, TokenIssueRequest request, string? atHash, long authTime, long iat, long exp, string jti)
    {
        var attributes = request.Attributes;
        if (atHash is not null)
        {
            writer.WriteString("at_hash", atHash);
        }

        writer.WriteString("sub", request.Sub);
        WriteGroups(writer, request.Groups);
        if (request.PreferredRole is not null)
        {
            writer.WriteString("cognito:preferred_role", request.PreferredRole);
        }

        WriteStrings(writer, "cognito:roles", request.Roles);
        WriteAttributeIfPresent(writer, attributes, "email_verified");
        writer.WriteString("iss", request.Issuer);
        WriteAttributeIfPresent(writer, attributes, "phone_number_verified");
        writer.WriteString("cognito:username", request.Username);
        if (request.Nonce is not null)
        {
            writer.WriteString("nonce", request.Nonce);
        }

        writer.WriteString("origin_jti", request.OriginJti);
        writer.WriteString("aud", request.ClientId);
        writer.WriteString("event_id", request.EventId);
        writer.WriteString("token_use", "id");
        writer.WriteNumber("auth_time", authTime);
        WriteAttributeIfPresent(writer, attributes, "phone_number");
        writer.WriteNumber("exp", exp);
        writer.WriteNumber("iat", iat);
        writer.WriteString("jti", jti);
        WriteAttributeIfPresent(writer, attributes, "email");
        foreach (var (name, value) in attributes)
        {
            if (!ClaimsWrittenElsewhere.Contains(name))
            {
                WriteAttribute(writer, name, value);
            }
        }
    }

    private static void WriteGroups(Utf8JsonWriter writer, IReadOnlyList<string>? groups) => WriteStrings(writer, "cognito:groups", groups);

    /// <summary>A JSON array of strings, left out when empty.</summary>
    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string>? values)
    {
        if (values is not { Count: > 0 })
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteAttributeIfPresent(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> attributes, string name)
    {
        if (attributes.TryGetValue(name, out var value))
        {
            WriteAttribute(writer, name, value);
        }
    }

    /// <summary>Stored attribute values are strings; the ID token types a few of them (docs/cognito-behaviour.md#id-token-claims).</summary>
    private static void WriteAttribute(Utf8JsonWriter writer, string name, string value)
    {
        switch (name)
        {
            case "email_verified" or "phone_number_verified":
                writer.WriteBoolean(name, string.Equals(value, "true", StringComparison.OrdinalIgnoreCase));
                break;
            case "updated_at" when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds):
                writer.WriteNumber(name, seconds);
                break;
            case LinkedIdentities.Attribute:
                LinkedIdentities.WriteClaim(writer, value);
                break;
            case "address":
                writer.WriteStartObject(name);
                writer.WriteString("formatted", value);
                writer.WriteEndObject();
                break;
            default:
                writer.WriteString(name, value);
                break;
        }
    }

    internal static string Sign(SigningKeyMaterial key, Action<Utf8JsonWriter> writeClaims, ClaimOverrides? overrides = null)
    {
        using var span = Diagnostics.NinshoTelemetry.StartSpan("token sign");
        var payload = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(payload, SigningKeyMaterial.WriterOptions))
        {
            writer.WriteStartObject();
            writeClaims(writer);
            writer.WriteEndObject();
        }

        if (overrides is not null)
        {
            var claims = JsonNode.Parse(payload.WrittenSpan)!.AsObject();
            overrides.Apply(claims);
            payload = new ArrayBufferWriter<byte>(1024);
            using var writer = new Utf8JsonWriter(payload, SigningKeyMaterial.WriterOptions);
            claims.WriteTo(writer);
        }

        // header "." payload, as ASCII bytes: the JWS signing input.
        var header = key.HeaderSegment;
        var payloadLength = Base64Url.GetEncodedLength(payload.WrittenCount);
        var signingInput = new byte[header.Length + 1 + payloadLength];
        header.CopyTo(signingInput, 0);
        signingInput[header.Length] = (byte)'.';
        _ = Base64Url.EncodeToUtf8(payload.WrittenSpan, signingInput.AsSpan(header.Length + 1), out _, out _);

        var signature = key.SignRs256(signingInput);
        return string.Concat(Encoding.ASCII.GetString(signingInput), ".", Base64Url.EncodeToString(signature));
    }

    /// <summary>OIDC Core §3.1.3.6: base64url of the left half of SHA-256 over the access token's ASCII.</summary>
    private static string AtHash(string accessToken)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(accessToken));
        return Base64Url.EncodeToString(hash.AsSpan(0, hash.Length / 2));
    }

    /// <summary>The key that signs <paramref name="use"/> tokens at <paramref name="now"/>: the newest one already
    /// active (a rotated-in key is published before it signs; docs/operations.md#key-rotation).</summary>
    internal static StoredSigningKey NewestKey(IReadOnlyList<StoredSigningKey> keys, string use, DateTimeOffset now)
    {
        StoredSigningKey? newest = null;
        foreach (var key in keys)
        {
            if (string.Equals(key.Use, use, StringComparison.Ordinal) && !(key.ActiveAt > now) && (newest is null || key.CreatedAt > newest.CreatedAt))
            {
                newest = key;
            }
        }

        return newest ?? throw new InvalidOperationException($"The pool has no '{use}' signing key.");
    }

    private static long WholeSeconds(TimeSpan lifetime, string name)
    {
        var seconds = (long)lifetime.TotalSeconds;
        return seconds >= 1 ? seconds : throw new ArgumentOutOfRangeException(name, lifetime, "A token lifetime must be at least one second.");
    }
}
