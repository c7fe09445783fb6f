using System.Collections.Frozen;

namespace Ninsho.Protocol.Validation;

/// <summary>The allowed values of a model enum, with the text Cognito prints for them.</summary>
public sealed class EnumValues
{
    private readonly FrozenSet<string> _set;

    /// <summary>Creates the set from the model's values, in model order.</summary>
    public EnumValues(string[] values)
    {
        _set = values.ToFrozenSet(StringComparer.Ordinal);
        Display = "[" + string.Join(", ", values) + "]";
    }

    /// <summary>The values as Cognito lists them: <c>[A, B, C]</c>.</summary>
    public string Display { get; }

    /// <summary>True when <paramref name="value"/> is one of the values.</summary>
    public bool Contains(string value) => _set.Contains(value);
}
