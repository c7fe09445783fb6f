using System.Globalization;
using System.Text.RegularExpressions;

namespace Ninsho.CodeGen;

/// <summary>Emits the model's constraints (required, length, range, pattern, enum, no null list elements or map
/// values) as one validator class.</summary>
internal sealed class ValidatorEmitter(ServiceModel model)
{
    private readonly Dictionary<string, bool> _needs = new(StringComparer.Ordinal);
    private readonly List<string> _patterns = [];

    public string ClassName => model.Prefix + "Validator";

    public string Emit()
    {
        var w = new SourceWriter(model, "System.Text.RegularExpressions", "Ninsho.Protocol.Validation");
        w.Line($"/// <summary>Checks requests against the constraints of the {model.ServiceId} model.</summary>");
        w.Line($"public static partial class {ClassName}");
        w.Line("{");

        foreach (var shape in model.Shapes.Values.Where(s => s.Type == "string" && NeedsValidation(s)))
        {
            var pattern = "null";
            var patternText = "null";
            if (shape.Pattern is not null)
            {
                var index = _patterns.IndexOf(shape.Pattern);
                if (index < 0)
                {
                    index = _patterns.Count;
                    _patterns.Add(shape.Pattern);
                }

                pattern = $"Pattern{index}()";
                patternText = CSharpNames.Literal(shape.Pattern);
            }

            var values = shape.Enum.Count > 0
                ? "new EnumValues([" + string.Join(", ", shape.Enum.Select(CSharpNames.Literal)) + "])"
                : "null";
            w.Line($"private static readonly StringConstraint {shape.Name}Constraint = new({Num(shape.Min)}, {Num(shape.Max)}, {pattern}, {patternText}, {values}, {(shape.Sensitive ? "true" : "false")});");
        }

        w.Line();
        foreach (var op in model.Operations)
        {
            var input = model.Shapes[op.Input];
            w.Line($"/// <summary>Validates the input of {op.Name}.</summary>");
            w.Line($"public static void Validate({input.Name} value, ValidationErrors errors)");
            w.Line("{");
            if (NeedsValidation(input))
            {
                w.Line($"Validate{input.Name}(value, errors, null);");
            }

            w.Line("}");
            w.Line();
        }

        foreach (var shape in model.Shapes.Values.Where(s => s.Type == "structure" && !s.IsException && !s.IsDocument && NeedsValidation(s)))
        {
            EmitStructure(w, shape);
        }

        for (var i = 0; i < _patterns.Count; i++)
        {
            var dotnet = "^(?:" + CSharpNames.DotNetPattern(_patterns[i]) + @")\z";
            _ = new Regex(dotnet, RegexOptions.CultureInvariant); // fails the generator if .NET cannot parse it
            w.Line($"[GeneratedRegex({CSharpNames.Literal(dotnet)}, RegexOptions.CultureInvariant)]");
            w.Line($"private static partial Regex Pattern{i}();");
            w.Line();
        }

        w.Line("}");
        return w.ToString();
    }

    private static string Num(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "null";

    private void EmitStructure(SourceWriter w, Shape shape)
    {
        w.Line($"private static void Validate{shape.Name}({shape.Name} value, ValidationErrors errors, string? path)");
        w.Line("{");
        foreach (var m in shape.Members)
        {
            var target = model.Shapes[m.Target];
            var name = CSharpNames.Literal(CSharpNames.LowerFirst(m.Name));
            var required = shape.Required.Contains(m.Name);
            if (required)
            {
                w.Line($"if (value.{m.Name} is null)");
                w.Line("{");
                w.Line($"errors.Null(path, {name});");
                w.Line("}");
            }

            if (!NeedsValidation(target))
            {
                continue;
            }

            w.Line($"if (value.{m.Name} is {{ }} {Local(m)})");
            w.Line("{");
            EmitValue(w, target, Local(m), "path", name, 0);
            w.Line("}");
        }

        w.Line("}");
        w.Line();
    }

    private static string Local(Member m) => "m" + m.Name;

    private void EmitValue(SourceWriter w, Shape target, string expr, string parent, string name, int depth)
    {
        switch (target.Type)
        {
            case "string":
                w.Line($"errors.Check({target.Name}Constraint, {expr}, {parent}, {name});");
                break;
            case "integer":
            case "long":
                w.Line($"errors.CheckRange({expr}, {Num(target.Min)}, {Num(target.Max)}, {parent}, {name});");
                break;
            case "structure":
                w.Line($"Validate{target.Name}({expr}, errors, ValidationErrors.Join({parent}, {name}));");
                break;
            case "list":
                EmitCollection(w, target, expr, parent, name, depth, model.Shapes[target.ListMember!], isMap: false);
                break;
            case "map":
                EmitCollection(w, target, expr, parent, name, depth, model.Shapes[target.MapValue!], isMap: true);
                break;
            default:
                break;
        }
    }

    private void EmitCollection(SourceWriter w, Shape target, string expr, string parent, string name, int depth, Shape element, bool isMap)
    {
        if (target.Min is not null || target.Max is not null)
        {
            w.Line($"errors.CheckCount({expr}.Count, {Num(target.Min)}, {Num(target.Max)}, {parent}, {name});");
        }

        var key = isMap ? model.Shapes[target.MapKey!] : null;
        var keyNeeds = key is not null && NeedsValidation(key);

        // A JSON null list element deserialises to a null entry for strings and structures; handlers expect none, so
        // it is refused here like a missing required member. A null map value is not: real clients send them
        // (amazon-cognito-identity-js puts "DEVICE_KEY": null in AuthParameters when it refreshes) and Cognito
        // takes them as absent, which is what the handlers' lookups already do, so only present values are
        // checked. Value-type elements never get this far: the deserialiser refuses a null for them
        // (SerializationException).
        var nullable = !CSharpNames.IsValueType(element);
        if ((isMap || !nullable) && !NeedsValidation(element) && !keyNeeds)
        {
            return;
        }

        var d = depth.ToString(CultureInfo.InvariantCulture);
        var i = "i" + d;
        var item = "item" + d;
        var p = "p" + d;
        if (isMap)
        {
            w.Line($"var {p} = ValidationErrors.Join({parent}, {name});");
            w.Line($"foreach (var {item} in {expr})");
            w.Line("{");
            if (keyNeeds)
            {
                w.Line($"errors.Check({key!.Name}Constraint, {item}.Key, {p}, \"key\");");
            }

            EmitMapValue(w, element, $"{item}.Value", $"v{d}", p, $"{item}.Key", depth, nullable);
            w.Line("}");
        }
        else
        {
            w.Line($"var {p} = ValidationErrors.Join({parent}, {name});");
            w.Line($"for (var {i} = 0; {i} < {expr}.Count; {i}++)");
            w.Line("{");
            EmitElement(w, element, $"{expr}[{i}]", item, p, $"ValidationErrors.Member({i})", depth, nullable);
            w.Line("}");
        }
    }

    private void EmitMapValue(SourceWriter w, Shape element, string expr, string local, string parent, string name, int depth, bool nullable)
    {
        if (!NeedsValidation(element))
        {
            return;
        }

        if (!nullable)
        {
            EmitValue(w, element, expr, parent, name, depth + 1);
            return;
        }

        w.Line($"if ({expr} is {{ }} {local})");
        w.Line("{");
        EmitValue(w, element, local, parent, name, depth + 1);
        w.Line("}");
    }

    private void EmitElement(SourceWriter w, Shape element, string expr, string local, string parent, string name, int depth, bool nullable)
    {
        if (!nullable)
        {
            EmitValue(w, element, expr, parent, name, depth + 1);
            return;
        }

        if (!NeedsValidation(element))
        {
            w.Line($"if ({expr} is null)");
            w.Line("{");
            w.Line($"errors.Null({parent}, {name});");
            w.Line("}");
            return;
        }

        w.Line($"if ({expr} is {{ }} {local})");
        w.Line("{");
        EmitValue(w, element, local, parent, name, depth + 1);
        w.Line("}");
        w.Line("else");
        w.Line("{");
        w.Line($"errors.Null({parent}, {name});");
        w.Line("}");
    }

    private bool NeedsValidation(Shape shape)
    {
        if (_needs.TryGetValue(shape.Name, out var known))
        {
            return known;
        }

        _needs[shape.Name] = false; // cycle guard
        var result = shape.Type switch
        {
            "string" => shape.Min is not null || shape.Max is not null || shape.Pattern is not null || shape.Enum.Count > 0,
            "integer" or "long" => shape.Min is not null || shape.Max is not null,
            "structure" when shape.IsDocument => false,
            "structure" => shape.Required.Count > 0 || shape.Members.Any(m => NeedsValidation(model.Shapes[m.Target])),
            // Every list of strings or structures is checked for null elements (a null map value counts as absent).
            "list" => !CSharpNames.IsValueType(model.Shapes[shape.ListMember!]) || shape.Min is not null || shape.Max is not null
                || NeedsValidation(model.Shapes[shape.ListMember!]),
            "map" => shape.Min is not null || shape.Max is not null
                || NeedsValidation(model.Shapes[shape.MapKey!]) || NeedsValidation(model.Shapes[shape.MapValue!]),
            _ => false,
        };
        _needs[shape.Name] = result;
        return result;
    }
}
