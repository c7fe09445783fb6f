namespace Ninsho.CodeGen;

/// <summary>Emits the JSON serializer context, the operation table and the error-type list of a model.</summary>
internal static class TableEmitter
{
    public static string EmitJsonContext(ServiceModel model)
    {
        var w = new SourceWriter(model, "System.Text.Json.Serialization", "Ninsho.Protocol.Serialization");
        var types = new SortedSet<string>(StringComparer.Ordinal) { "Ninsho.Protocol.Dispatch.EmptyResult" };
        foreach (var op in model.Operations)
        {
            types.Add(op.Input);
            if (op.Output is not null)
            {
                types.Add(op.Output);
            }
        }

        w.Line($"/// <summary>System.Text.Json metadata for every request and response of the {model.ServiceId} model.</summary>");
        w.Line("[JsonSourceGenerationOptions(");
        w.Line("    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,");
        w.Line("    NumberHandling = JsonNumberHandling.Strict,");
        w.Line("    Converters = [typeof(EpochSecondsConverter)])]");
        foreach (var t in types)
        {
            w.Line($"[JsonSerializable(typeof({t}))]");
        }

        w.Line($"public sealed partial class {model.Prefix}JsonContext : JsonSerializerContext");
        w.Line("{");
        w.Line("}");
        return w.ToString();
    }

    public static string EmitOperations(ServiceModel model)
    {
        var w = new SourceWriter(model, "System.Collections.Frozen", "Ninsho.Protocol.Dispatch");
        var ctx = model.Prefix + "JsonContext.Default";
        w.Line($"/// <summary>Every operation of the {model.ServiceId} model, by X-Amz-Target.</summary>");
        w.Line($"public static class {model.Prefix}Operations");
        w.Line("{");
        w.Line($"/// <summary>The X-Amz-Target prefix of the service.</summary>");
        w.Line($"public const string TargetPrefix = {CSharpNames.Literal(model.TargetPrefix)};");
        w.Line();
        w.Line("/// <summary>The operations, keyed by full X-Amz-Target.</summary>");
        w.Line("public static readonly FrozenDictionary<string, OperationDescriptor> ByTarget = new OperationDescriptor[]");
        w.Line("{");
        foreach (var op in model.Operations)
        {
            var output = op.Output ?? "EmptyResult";
            w.Line($"new OperationDescriptor<{op.Input}, {output}>({CSharpNames.Literal(op.Name)}, TargetPrefix, {(op.IsPublic ? "true" : "false")}, static () => {ctx}.{op.Input}, static () => {ctx}.{output}, {model.Prefix}Validator.Validate),");
        }

        w.Line("}.ToFrozenDictionary(o => o.Target, StringComparer.Ordinal);");
        w.Line("}");
        return w.ToString();
    }

    public static string EmitErrorTypes(ServiceModel model)
    {
        var w = new SourceWriter(model, "System.Collections.Frozen");
        w.Line($"/// <summary>The error types (exception shapes) of the {model.ServiceId} model.</summary>");
        w.Line($"public static class {model.Prefix}ErrorTypes");
        w.Line("{");
        var names = model.Shapes.Values.Where(s => s.IsException).Select(s => s.Name).ToList();
        foreach (var n in names)
        {
            w.Line($"public const string {n} = {CSharpNames.Literal(n)};");
        }

        w.Line();
        w.Line("/// <summary>Every error type name of the model.</summary>");
        w.Line("public static readonly FrozenSet<string> All = new[]");
        w.Line("{");
        foreach (var n in names)
        {
            w.Line($"{n},");
        }

        w.Line("}.ToFrozenSet(StringComparer.Ordinal);");
        w.Line("}");
        return w.ToString();
    }
}
