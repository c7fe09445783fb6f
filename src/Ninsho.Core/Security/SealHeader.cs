using System.Buffers.Binary;

namespace Ninsho.Core.Security;

/// <summary>The header both sealers (<see cref="SessionSealer"/>, <see cref="ClientSecretSealer"/>) put before the
/// nonce, naming the generation of the sealing key (docs/operations.md#key-rotation): <c>1</c> for generation 0 (seals
/// made before rotation existed), <c>2 | key id (4 bytes, big-endian)</c> for a rotated one.</summary>
internal static class SealHeader
{
    /// <summary>The longest header.</summary>
    public const int MaxLength = 1 + KeyIdBytes;

    private const byte Version = 1;
    private const byte KeyedVersion = 2;
    private const int KeyIdBytes = 4;

    /// <summary>The header's length for generation <paramref name="keyId"/>.</summary>
    public static int Length(uint keyId) => keyId == 0 ? 1 : MaxLength;

    /// <summary>Writes the header of generation <paramref name="keyId"/> at the start of <paramref name="destination"/>.</summary>
    public static void Write(Span<byte> destination, uint keyId)
    {
        if (keyId == 0)
        {
            destination[0] = Version;
            return;
        }

        destination[0] = KeyedVersion;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], keyId);
    }

    /// <summary>The header's length and the generation it names, or null when <paramref name="sealedBytes"/> starts with none.</summary>
    public static (int Length, uint KeyId)? Read(ReadOnlySpan<byte> sealedBytes) => sealedBytes switch
    {
        [Version, ..] => (1, 0),
        [KeyedVersion, _, _, _, _, ..] => (MaxLength, BinaryPrimitives.ReadUInt32BigEndian(sealedBytes[1..])),
        _ => null,
    };
}
