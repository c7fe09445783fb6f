using System.Globalization;
using System.Text;

namespace Ninsho.Protocol.Validation;

/// <summary>Collects model constraint failures and renders Cognito's
/// <c>N validation error(s) detected: …</c> text.</summary>
public sealed class ValidationErrors
{
    private List<string>? _errors;

    /// <summary>How many failures were collected.</summary>
    public int Count => _errors?.Count ?? 0;

    /// <summary>The path of a member below <paramref name="parent"/>.</summary>
    public static string Join(string? parent, string member) => parent is null ? member : parent + "." + member;

    /// <summary>The path segment of the list element at <paramref name="index"/> (1-based on the wire).</summary>
    public static string Member(int index) => (index + 1).ToString(CultureInfo.InvariantCulture) + ".member";

    /// <summary>A required member is missing or null.</summary>
    public void Null(string? parent, string member) =>
        Add($"Value null at '{Join(parent, member)}' failed to satisfy constraint: Member must not be null");

    /// <summary>Checks a string value against its shape's constraints.</summary>
    public void Check(StringConstraint c, string value, string? parent, string member)
    {
        if (c.Values is { } values && !values.Contains(value))
        {
            Fail(c, value, parent, member, "Member must satisfy enum value set: " + values.Display);
        }

        if (c.Max is { } max && value.Length > max)
        {
            Fail(c, value, parent, member, "Member must have length less than or equal to " + max.ToString(CultureInfo.InvariantCulture));
        }

        if (c.Min is { } min && value.Length < min)
        {
            Fail(c, value, parent, member, "Member must have length greater than or equal to " + min.ToString(CultureInfo.InvariantCulture));
        }

        // Length first: a pattern is never run over a string longer than the model allows.
        if (c.Pattern is { } pattern && (c.Max is null || value.Length <= c.Max) && !pattern.IsMatch(value))
        {
            Fail(c, value, parent, member, "Member must satisfy regular expression pattern: " + c.PatternText);
        }
    }

    /// <summary>Checks a number against the shape's range.</summary>
    public void CheckRange(long value, long? min, long? max, string? parent, string member)
    {
        if (min is { } lo && value < lo)
        {
            Add($"Value '{value.ToString(CultureInfo.InvariantCulture)}' at '{Join(parent, member)}' failed to satisfy constraint: Member must have value greater than or equal to {lo.ToString(CultureInfo.InvariantCulture)}");
        }

        if (max is { } hi && value > hi)
        {
            Add($"Value '{value.ToString(CultureInfo.InvariantCulture)}' at '{Join(parent, member)}' failed to satisfy constraint: Member must have value less than or equal to {hi.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>Checks the number of items of a list or map.</summary>
    public void CheckCount(int count, long? min, long? max, string? parent, string member)
    {
        if (min is { } lo && count < lo)
        {
            Add($"Value at '{Join(parent, member)}' failed to satisfy constraint: Member must have length greater than or equal to {lo.ToString(CultureInfo.InvariantCulture)}");
        }

        if (max is { } hi && count > hi)
        {
            Add($"Value at '{Join(parent, member)}' failed to satisfy constraint: Member must have length less than or equal to {hi.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>Cognito's message for the collected failures.</summary>
    public string ToMessage()
    {
        var errors = _errors ?? [];
        var sb = new StringBuilder();
        sb.Append(errors.Count.ToString(CultureInfo.InvariantCulture))
            .Append(errors.Count == 1 ? " validation error detected: " : " validation errors detected: ")
            .AppendJoin("; ", errors);
        return sb.ToString();
    }

    private void Fail(StringConstraint c, string value, string? parent, string member, string constraint)
    {
        // Sensitive values (passwords, tokens, client ids) are never echoed back.
        var shown = c.Sensitive ? "Value" : $"Value '{Shorten(value)}'";
        Add($"{shown} at '{Join(parent, member)}' failed to satisfy constraint: {constraint}");
    }

    private static string Shorten(string value) => value.Length <= 256 ? value : value[..256] + "...";

    private void Add(string message) => (_errors ??= []).Add(message);
}
