using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>Small assertions over <see cref="JsonElement"/> whose failure messages show the JSON involved.</summary>
public static class JsonAssert
{
    /// <summary>The member <paramref name="name"/>, which must exist.</summary>
    public static JsonElement Prop(this JsonElement element, string name)
    {
        Assert.True(
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out _),
            $"expected member '{name}' in {element.GetRawText()}");
        return element.GetProperty(name);
    }

    /// <summary>The string member <paramref name="name"/>, which must exist and be a JSON string.</summary>
    public static string Str(this JsonElement element, string name)
    {
        var value = element.Prop(name);
        Assert.True(value.ValueKind == JsonValueKind.String, $"expected '{name}' to be a string in {element.GetRawText()}");
        return value.GetString()!;
    }

    public static bool Has(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out _);

    public static void AssertMissing(this JsonElement element, string name) =>
        Assert.False(element.Has(name), $"expected no member '{name}' in {element.GetRawText()}");

    public static void AssertTrue(this JsonElement element, string name) =>
        Assert.True(element.Prop(name).ValueKind == JsonValueKind.True, $"expected '{name}': true in {element.GetRawText()}");

    public static void AssertFalse(this JsonElement element, string name) =>
        Assert.True(element.Prop(name).ValueKind == JsonValueKind.False, $"expected '{name}': false in {element.GetRawText()}");

    public static void AssertNumber(this JsonElement element, string name, long expected)
    {
        var value = element.Prop(name);
        Assert.True(
            value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var actual) && actual == expected,
            $"expected '{name}': {expected} in {element.GetRawText()}");
    }

    /// <summary>An AWS timestamp as CLI v1 prints it: epoch seconds (with a fraction), after 2020.</summary>
    public static void AssertEpochSeconds(this JsonElement element, string name)
    {
        var value = element.Prop(name);
        Assert.True(
            value.ValueKind == JsonValueKind.Number && value.GetDouble() > 1_577_836_800,
            $"expected '{name}' to be epoch seconds in {element.GetRawText()}");
    }

    /// <summary>Asserts the member is <c>{}</c>.</summary>
    public static void AssertEmptyObject(this JsonElement element, string name)
    {
        var value = element.Prop(name);
        Assert.True(
            value.ValueKind == JsonValueKind.Object && !value.EnumerateObject().Any(),
            $"expected '{name}': {{}} in {element.GetRawText()}");
    }

    /// <summary>An AttributeType list (<c>[{"Name":…,"Value":…}]</c>) as ordered (name, value) pairs.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Attributes(this JsonElement element, string name)
    {
        var list = element.Prop(name);
        Assert.True(list.ValueKind == JsonValueKind.Array, $"expected '{name}' to be an array in {element.GetRawText()}");
        return [.. list.EnumerateArray().Select(a => KeyValuePair.Create(a.Str("Name"), a.Has("Value") ? a.Str("Value") : ""))];
    }

    /// <summary>The elements of the array member <paramref name="name"/>.</summary>
    public static IReadOnlyList<JsonElement> Items(this JsonElement element, string name)
    {
        var list = element.Prop(name);
        Assert.True(list.ValueKind == JsonValueKind.Array, $"expected '{name}' to be an array in {element.GetRawText()}");
        return [.. list.EnumerateArray()];
    }

    /// <summary>The names of the members of an object, in order.</summary>
    public static IReadOnlyList<string> Names(this JsonElement element) =>
        [.. element.EnumerateObject().Select(p => p.Name)];
}
