using System.Security.Cryptography;

namespace Ninsho.UnitTests.Security;

/// <summary>Returns 0xFF, 0x00, 0xFF, 0x00, …</summary>
internal sealed class AlternatingBytes : RandomNumberGenerator
{
    private bool _high = true;

    public override void GetBytes(byte[] data) => GetBytes(data.AsSpan());

    public override void GetBytes(Span<byte> data)
    {
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = _high ? (byte)0xFF : (byte)0x00;
            _high = !_high;
        }
    }
}
