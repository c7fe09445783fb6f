using System.Text;

namespace Ninsho.Core.Features.UserImport;

/// <summary>Reads RFC 4180 CSV: comma-separated fields, optionally in double quotes (a quoted field may hold commas,
/// line breaks and doubled quotes). Records end at CRLF or LF; blank lines are skipped.</summary>
internal sealed class CsvRecords(TextReader reader)
{
    private int _line;

    /// <summary>The file line (1-based) on which the record last returned by <see cref="Next"/> starts.</summary>
    public int LineNumber { get; private set; }

    /// <summary>The next record's fields, or null at the end. Throws <see cref="FormatException"/> on a quote left open.</summary>
    public List<string>? Next()
    {
        while (true)
        {
            var first = reader.Read();
            if (first < 0)
            {
                return null;
            }

            _line++;
            if (first == '\n' || (first == '\r' && Skip('\n')))
            {
                continue;
            }

            LineNumber = _line;
            return ReadRecord((char)first);
        }
    }

    private List<string> ReadRecord(char first)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var c = (int)first;
        while (true)
        {
            if (c < 0)
            {
                if (quoted)
                {
                    throw new FormatException("A quoted field is not closed.");
                }

                fields.Add(field.ToString());
                return fields;
            }

            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        _ = reader.Read();
                        _ = field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    _line += c == '\n' ? 1 : 0;
                    _ = field.Append((char)c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                _ = field.Clear();
            }
            else if (c == '\n' || (c == '\r' && Skip('\n')))
            {
                fields.Add(field.ToString());
                return fields;
            }
            else
            {
                _ = field.Append((char)c);
            }

            c = reader.Read();
        }
    }

    private bool Skip(char expected)
    {
        if (reader.Peek() == expected)
        {
            _ = reader.Read();
        }

        return true;
    }
}
