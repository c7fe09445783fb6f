using Google.Protobuf;

namespace Ninsho.Server.Tests;

/// <summary>
/// A protobuf message read field by field with Google.Protobuf's wire reader, without its schema: enough to check
/// what an OTLP/HTTP protobuf request (an <c>ExportLogsServiceRequest</c>, opentelemetry-proto's logs.proto) carries.
/// Numbers are the field numbers of those .proto files.
/// </summary>
public sealed class ProtoMessage
{
    private readonly List<(int Field, ulong Number, ByteString? Bytes)> _fields = [];

    public ProtoMessage(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var field = WireFormat.GetTagFieldNumber(tag);
            switch (WireFormat.GetTagWireType(tag))
            {
                case WireFormat.WireType.Varint:
                    _fields.Add((field, input.ReadUInt64(), null));
                    break;
                case WireFormat.WireType.Fixed64:
                    _fields.Add((field, input.ReadFixed64(), null));
                    break;
                case WireFormat.WireType.Fixed32:
                    _fields.Add((field, input.ReadFixed32(), null));
                    break;
                case WireFormat.WireType.LengthDelimited:
                    _fields.Add((field, 0, input.ReadBytes()));
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
    }

    public ProtoMessage(byte[] bytes)
        : this(ByteString.CopyFrom(bytes))
    {
    }

    /// <summary>Every embedded message in field <paramref name="field"/> (a repeated field's items in order).</summary>
    public IReadOnlyList<ProtoMessage> Messages(int field) =>
        [.. _fields.Where(f => f.Field == field && f.Bytes is not null).Select(f => new ProtoMessage(f.Bytes!))];

    /// <summary>The embedded message in field <paramref name="field"/>, which must be there once.</summary>
    public ProtoMessage Message(int field) => Assert.Single(Messages(field));

    /// <summary>The string in field <paramref name="field"/>, or null when absent.</summary>
    public string? Text(int field) => _fields.LastOrDefault(f => f.Field == field && f.Bytes is not null).Bytes?.ToStringUtf8();

    /// <summary>The varint or fixed-width number in field <paramref name="field"/>, or null when absent.</summary>
    public ulong? Number(int field) =>
        _fields.Any(f => f.Field == field && f.Bytes is null) ? _fields.Last(f => f.Field == field && f.Bytes is null).Number : null;

    /// <summary>An OTLP <c>repeated KeyValue</c> field whose values are strings (<c>AnyValue.string_value</c>), as a
    /// dictionary.</summary>
    public IReadOnlyDictionary<string, string?> StringAttributes(int field) =>
        Messages(field).ToDictionary(kv => kv.Text(1)!, kv => kv.Messages(2).SingleOrDefault()?.Text(1));
}
