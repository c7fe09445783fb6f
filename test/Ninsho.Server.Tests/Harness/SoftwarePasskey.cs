using System.Buffers.Binary;
using System.Buffers.Text;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>A software passkey authenticator, as a browser and platform authenticator would answer: an ECDSA P-256
/// (ES256) key, clientDataJSON, authenticatorData (rpIdHash, flags, signature counter, attested credential data with
/// the COSE key), a <c>none</c> attestation object in CBOR, and assertion signatures. Its outputs are the
/// RegistrationResponseJSON and AuthenticationResponseJSON documents applications pass to Cognito.</summary>
public sealed class SoftwarePasskey : IDisposable
{
    private const byte UserPresent = 0x01;
    private const byte UserVerified = 0x04;
    private const byte AttestedCredentialData = 0x40;

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly byte[] _credentialId = RandomNumberGenerator.GetBytes(32);
    private uint _counter;
    private byte[] _userHandle = [];

    /// <summary>The credential id, base64url as Cognito lists it.</summary>
    public string CredentialId => Base64Url.EncodeToString(_credentialId);

    /// <summary>Answers PublicKeyCredentialCreationOptions (as StartWebAuthnRegistration returns them) with a
    /// RegistrationResponseJSON. <paramref name="rpId"/> and <paramref name="challenge"/> replace the options' own to
    /// make a wrong answer.</summary>
    public string Register(JsonElement options, string origin, string? rpId = null, string? challenge = null)
    {
        _userHandle = Base64Url.DecodeFromChars(options.GetProperty("user").GetProperty("id").GetString());
        var clientData = ClientData("webauthn.create", challenge ?? options.GetProperty("challenge").GetString()!, origin);
        var authData = AuthenticatorData(rpId ?? options.GetProperty("rp").GetProperty("id").GetString()!, UserPresent | UserVerified | AttestedCredentialData,
            AttestedData());
        var attestation = new CborWriter();
        attestation.WriteStartMap(3);
        attestation.WriteTextString("fmt");
        attestation.WriteTextString("none");
        attestation.WriteTextString("attStmt");
        attestation.WriteStartMap(0);
        attestation.WriteEndMap();
        attestation.WriteTextString("authData");
        attestation.WriteByteString(authData);
        attestation.WriteEndMap();
        return JsonSerializer.Serialize(new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["id"] = CredentialId,
            ["rawId"] = CredentialId,
            ["type"] = "public-key",
            ["authenticatorAttachment"] = "platform",
            ["clientExtensionResults"] = new Dictionary<string, object>(StringComparer.Ordinal),
            ["response"] = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["clientDataJSON"] = Base64Url.EncodeToString(clientData),
                ["attestationObject"] = Base64Url.EncodeToString(attestation.Encode()),
                ["transports"] = new[] { "internal", "hybrid" },
            },
        });
    }

    /// <summary>Answers PublicKeyCredentialRequestOptions (the WEB_AUTHN challenge's CREDENTIAL_REQUEST_OPTIONS) with
    /// an AuthenticationResponseJSON signed by this passkey's key.</summary>
    public string Authenticate(JsonElement options, string origin, string? rpId = null)
    {
        var clientData = ClientData("webauthn.get", options.GetProperty("challenge").GetString()!, origin);
        var authData = AuthenticatorData(rpId ?? options.GetProperty("rpId").GetString()!, UserPresent | UserVerified, []);
        var signature = _key.SignData([.. authData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return JsonSerializer.Serialize(new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["id"] = CredentialId,
            ["rawId"] = CredentialId,
            ["type"] = "public-key",
            ["authenticatorAttachment"] = "platform",
            ["clientExtensionResults"] = new Dictionary<string, object>(StringComparer.Ordinal),
            ["response"] = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["clientDataJSON"] = Base64Url.EncodeToString(clientData),
                ["authenticatorData"] = Base64Url.EncodeToString(authData),
                ["signature"] = Base64Url.EncodeToString(signature),
                ["userHandle"] = Base64Url.EncodeToString(_userHandle),
            },
        });
    }

    public void Dispose() => _key.Dispose();

    private static byte[] ClientData(string type, string challenge, string origin) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["type"] = type,
            ["challenge"] = challenge,
            ["origin"] = origin,
            ["crossOrigin"] = false,
        }));

    private byte[] AuthenticatorData(string rpId, int flags, byte[] attested)
    {
        var counter = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(counter, ++_counter);
        return [.. SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), (byte)flags, .. counter, .. attested];
    }

    /// <summary>AAGUID (zeros), the credential id with its length, and the public key as a COSE_Key (EC2, ES256, P-256).</summary>
    private byte[] AttestedData()
    {
        var point = _key.ExportParameters(false).Q;
        var cose = new CborWriter();
        cose.WriteStartMap(5);
        cose.WriteInt32(1);
        cose.WriteInt32(2);
        cose.WriteInt32(3);
        cose.WriteInt32(-7);
        cose.WriteInt32(-1);
        cose.WriteInt32(1);
        cose.WriteInt32(-2);
        cose.WriteByteString(point.X!);
        cose.WriteInt32(-3);
        cose.WriteByteString(point.Y!);
        cose.WriteEndMap();
        var length = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)_credentialId.Length);
        return [.. new byte[16], .. length, .. _credentialId, .. cose.Encode()];
    }
}
