using System.Security.Cryptography;

namespace Ninsho.UnitTests.Security;

/// <summary>A deterministic "random" source for tests.</summary>
internal sealed class FixedBytes(byte value) : RandomNumberGenerator
{
    public override void GetBytes(byte[] data) => GetBytes(data.AsSpan());

    public override void GetBytes(Span<byte> data) => data.Fill(value);
}
