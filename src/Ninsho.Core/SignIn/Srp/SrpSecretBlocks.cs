using System.Buffers.Text;
using Ninsho.Core.Security;
using Ninsho.Core.Security.Srp;

namespace Ninsho.Core.SignIn;

/// <summary>Seals <see cref="SrpState"/> into SECRET_BLOCK (standard Base64 with padding, docs/cognito-behaviour.md#srp-sign-in-flow) with
/// the cluster's session key, so the answer needs no Session and can reach any node. The same sealed bytes, in
/// Base64url, are the challenge's Session. The seal's expiry is the freshness window of the challenge.</summary>
internal sealed class SrpSecretBlocks(SealingKeys sealingKeys)
{

    /// <summary>SECRET_BLOCK and the Session that go with it.</summary>
    public async Task<(string SecretBlock, string Session)> SealAsync(string purpose, SrpState state, TimeSpan lifetime)
    {
        var session = (await sealingKeys.SessionSealerAsync()).Seal(purpose, Encode(state), lifetime);
        return (Convert.ToBase64String(Base64Url.DecodeFromChars(session)), session);
    }

    /// <summary>The state in <paramref name="secretBlock"/>, or null when it is garbage, forged, sealed for another
    /// purpose, expired, or does not match a <paramref name="session"/> that was sent.</summary>
    public async Task<(SrpState State, byte[] Bytes)?> OpenAsync(string purpose, string secretBlock, string? session)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(secretBlock);
        }
        catch (FormatException)
        {
            return null;
        }

        var asSession = Base64Url.EncodeToString(bytes);
        if (!string.IsNullOrEmpty(session) && !string.Equals(session, asSession, StringComparison.Ordinal))
        {
            return null;
        }

        var payload = (await sealingKeys.SessionSealerAsync()).Unseal(purpose, asSession);
        return payload is null || Decode(payload) is not { } state ? null : (state, bytes);
    }

    private static byte[] Encode(SrpState state)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(state.UserPoolId);
            writer.Write(state.ClientId);
            writer.Write(state.UsernameKey);
            writer.Write(state.Realm);
            writer.Write(state.Identity);
            writer.Write(state.Decoy);
            writer.Write(SrpHex.FixedBytes(state.SecretB, SrpMath.SecretBytes));
            writer.Write(SrpHex.FixedBytes(state.PublicA, SrpGroup.ModulusBytes));
            writer.Write(SrpHex.FixedBytes(state.PublicB, SrpGroup.ModulusBytes));
        }

        return buffer.ToArray();
    }

    private static SrpState? Decode(byte[] payload)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(payload));
            return new SrpState(
                reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadBoolean(),
                ReadInteger(reader, SrpMath.SecretBytes), ReadInteger(reader, SrpGroup.ModulusBytes), ReadInteger(reader, SrpGroup.ModulusBytes));
        }
        catch (EndOfStreamException)
        {
            return null;
        }
    }

    private static System.Numerics.BigInteger ReadInteger(BinaryReader reader, int length)
    {
        var bytes = reader.ReadBytes(length);
        return bytes.Length == length
            ? new System.Numerics.BigInteger(bytes, isUnsigned: true, isBigEndian: true)
            : throw new EndOfStreamException();
    }
}
