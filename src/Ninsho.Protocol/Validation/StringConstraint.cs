using System.Text.RegularExpressions;

namespace Ninsho.Protocol.Validation;

/// <summary>The model constraints of a string shape.</summary>
public sealed record StringConstraint(long? Min, long? Max, Regex? Pattern, string? PatternText, EnumValues? Values, bool Sensitive);
