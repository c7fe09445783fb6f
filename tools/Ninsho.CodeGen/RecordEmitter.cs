namespace Ninsho.CodeGen;

/// <summary>Emits one sealed record per structure shape, and string constants per enum shape.</summary>
internal static class RecordEmitter
{
    public static IEnumerable<(string Path, string Text)> Emit(ServiceModel model)
    {
        foreach (var shape in model.Shapes.Values)
        {
            if (shape.Type == "structure" && !shape.IsException && !shape.IsDocument)
            {
                yield return ($"Shapes/{shape.Name}.g.cs", EmitRecord(model, shape));
            }
        }

        yield return ("Enums.g.cs", EmitEnums(model));
    }

    private static string EmitRecord(ServiceModel model, Shape shape)
    {
        var w = new SourceWriter(model);
        w.Line($"/// <summary>The model's <c>{shape.Name}</c> structure.</summary>");
        w.Line($"public sealed partial record {shape.Name}");
        w.Line("{");
        var sensitive = new List<string>();
        foreach (var m in shape.Members)
        {
            if (m.Name == shape.Name)
            {
                throw new InvalidOperationException($"Member {m.Name} has the name of its structure");
            }

            var target = model.Shapes[m.Target];
            var type = CSharpNames.TypeOf(model, target);
            var required = shape.Required.Contains(m.Name);
            if (target.Sensitive)
            {
                sensitive.Add(m.Name);
            }

            if (required && !CSharpNames.IsValueType(target))
            {
                // Required members are never null once validation has run.
                w.Line($"public {type} {m.Name} {{ get; init; }} = null!;");
            }
            else
            {
                w.Line($"public {(type.EndsWith('?') ? type : type + "?")} {m.Name} {{ get; init; }}");
            }
        }

        if (sensitive.Count > 0)
        {
            w.Line();
            w.Line("/// <summary>Prints the members, with sensitive values redacted.</summary>");
            w.Line("private bool PrintMembers(System.Text.StringBuilder builder)");
            w.Line("{");
            var first = true;
            foreach (var m in shape.Members)
            {
                var sep = first ? string.Empty : ", ";
                first = false;
                if (sensitive.Contains(m.Name))
                {
                    w.Line($"builder.Append(\"{sep}{m.Name} = \").Append({m.Name} is null ? \"null\" : \"***\");");
                }
                else
                {
                    w.Line($"builder.Append(\"{sep}{m.Name} = \").Append({m.Name});");
                }
            }

            w.Line("return true;");
            w.Line("}");
        }

        w.Line("}");
        return w.ToString();
    }

    private static string EmitEnums(ServiceModel model)
    {
        var w = new SourceWriter(model);
        foreach (var shape in model.Shapes.Values.Where(s => s.Type == "string" && s.Enum.Count > 0))
        {
            w.Line($"/// <summary>The values of the model's <c>{shape.Name}</c> enum.</summary>");
            w.Line($"public static class {shape.Name}");
            w.Line("{");
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var v in shape.Enum)
            {
                var id = CSharpNames.Identifier(v);
                while (!used.Add(id))
                {
                    id += "_";
                }

                w.Line($"public const string {id} = {CSharpNames.Literal(v)};");
            }

            w.Line("}");
            w.Line();
        }

        return w.ToString();
    }
}
