using System.Text;

namespace Ninsho.CodeGen;

/// <summary>How model names and shapes become C# names and types.</summary>
internal static class CSharpNames
{
    public static string LowerFirst(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    public static string Identifier(string value)
    {
        var sb = new StringBuilder();
        foreach (var c in value)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        if (sb.Length == 0 || char.IsAsciiDigit(sb[0]))
        {
            sb.Insert(0, '_');
        }

        var id = sb.ToString();
        return !Keywords.Contains(id) ? id : char.IsUpper(id[0]) ? id + "_" : "@" + id;
    }

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "Equals", "GetHashCode", "ToString", "GetType", "ReferenceEquals", "MemberwiseClone", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    public static string Literal(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append(@"\n"); break;
                case '\r': sb.Append(@"\r"); break;
                case '\t': sb.Append(@"\t"); break;
                default:
                    if (c < ' ' || c > '~')
                    {
                        sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>The C# type of a member that targets <paramref name="shape"/>.</summary>
    public static string TypeOf(ServiceModel model, Shape shape) => shape.Type switch
    {
        "string" => "string",
        "integer" => "int?",
        "long" => "long?",
        "boolean" => "bool?",
        "double" or "float" => "double?",
        "timestamp" => "DateTimeOffset?",
        "blob" => "byte[]",
        "structure" when shape.IsDocument => "System.Text.Json.JsonElement?",
        "structure" => shape.Name,
        "list" => $"IReadOnlyList<{ElementType(model, model.Shapes[shape.ListMember!])}>",
        "map" => $"IReadOnlyDictionary<string, {ElementType(model, model.Shapes[shape.MapValue!])}>",
        _ => throw new InvalidOperationException($"Unsupported shape type {shape.Type} ({shape.Name})"),
    };

    private static string ElementType(ServiceModel model, Shape shape) => TypeOf(model, shape).TrimEnd('?');

    public static bool IsValueType(Shape shape) =>
        shape.Type is "integer" or "long" or "boolean" or "double" or "float" or "timestamp" || shape.IsDocument;

    /// <summary>Translates a model (Java) pattern to .NET: Java's \w, \d, \s and \S are ASCII-only.</summary>
    public static string DotNetPattern(string java)
    {
        var sb = new StringBuilder();
        var inClass = false;
        for (var i = 0; i < java.Length; i++)
        {
            var c = java[i];
            if (c == '\\' && i + 1 < java.Length)
            {
                var n = java[i + 1];
                var replacement = n switch
                {
                    'w' => "a-zA-Z0-9_",
                    'd' => "0-9",
                    's' => @" \t\n\x0B\f\r",
                    _ => null,
                };
                if (replacement is not null)
                {
                    sb.Append(inClass ? replacement : "[" + replacement + "]");
                    i++;
                    continue;
                }

                if (n == 'S')
                {
                    if (inClass)
                    {
                        throw new InvalidOperationException($"\\S inside a class is not translated: {java}");
                    }

                    sb.Append(@"[^ \t\n\x0B\f\r]");
                    i++;
                    continue;
                }

                sb.Append(c).Append(n);
                i++;
                continue;
            }

            if (c == '[' && !inClass)
            {
                // "[\S]" as a whole class.
                if (java.AsSpan(i).StartsWith(@"[\S]", StringComparison.Ordinal))
                {
                    sb.Append(@"[^ \t\n\x0B\f\r]");
                    i += 3;
                    continue;
                }

                inClass = true;
            }
            else if (c == ']' && inClass)
            {
                inClass = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
