using System.Text.RegularExpressions;
using Ninsho.Core.Pools;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Users;

/// <summary>Checks user attributes against the pool's schema (docs/cognito-behaviour.md#admincreateuser-and-temporary-passwords, #user-attributes-and-schema).</summary>
internal static partial class UserAttributeRules
{
    public static bool LooksLikeEmail(string value) => EmailPattern().IsMatch(value);

    public static bool LooksLikePhone(string value) => PhonePattern().IsMatch(value);

    /// <summary>Checks attributes a caller wants to set. <paramref name="write"/> says whether immutable ones may be
    /// set (only when creating) and how a refusal is worded: one InvalidParameterException listing every refused
    /// attribute (docs/compatibility-schema.md, "Attribute errors"). Returns them as they are stored: Boolean values
    /// in any case become "true"/"false" (docs/compatibility-behaviour.md, "Boolean attribute values").</summary>
    public static List<AttributeType> CheckWritable(UserPoolSettings pool, IReadOnlyList<AttributeType> attributes, AttributeWrite write)
    {
        var stored = new List<AttributeType>(attributes.Count);
        var problems = new List<(string Name, string Problem)>();
        CognitoException? badFormat = null;
        foreach (var given in attributes)
        {
            var attribute = Normalized(pool, given);
            stored.Add(attribute);
            var name = attribute.Name;
            var value = attribute.Value ?? string.Empty;
            var schema = pool.Schema.FirstOrDefault(s => s.Name == name);
            var problem = name == "sub" || (schema is not null && write != AttributeWrite.Create && schema.Mutable == false)
                ? "Attribute cannot be updated. (changing an immutable attribute)"
                : schema is null
                    ? "Attribute does not exist in the schema."
                    : ValueProblem(schema, value);
            if (problem is not null)
            {
                problems.Add((name, problem));
            }
            else
            {
                badFormat ??= FormatError(name, value);
            }
        }

        if (problems.Count > 0)
        {
            throw Refused(problems, write);
        }

        return badFormat is null ? stored : throw badFormat;
    }

    /// <summary>The error for attributes refused on a <paramref name="write"/> path, one line per attribute.</summary>
    public static CognitoException Refused(IReadOnlyList<(string Name, string Problem)> problems, AttributeWrite write) =>
        write == AttributeWrite.Update ? CognitoErrors.UserAttributesInvalid(problems) : CognitoErrors.AttributesDoNotConform(problems);

    /// <summary>Throws one error naming every required attribute <paramref name="attributes"/> lacks, if any.</summary>
    public static void CheckRequired(UserPoolSettings pool, IReadOnlyDictionary<string, string> attributes, AttributeWrite write)
    {
        var missing = MissingRequired(pool, attributes).Select(name => (name, "The attribute is required")).ToList();
        if (missing.Count > 0)
        {
            throw Refused(missing, write);
        }
    }

    private static AttributeType Normalized(UserPoolSettings pool, AttributeType attribute) =>
        attribute.Value is { } value
        && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase))
        && pool.Schema.FirstOrDefault(s => s.Name == attribute.Name)?.AttributeDataType == AttributeDataType.Boolean
            ? attribute with { Value = value.ToLowerInvariant() }
            : attribute;

    /// <summary>Attributes a user writes through an app client (SignUp, UpdateUserAttributes, NEW_PASSWORD_REQUIRED):
    /// never developer-only ones, and only those in the client's WriteAttributes when it lists any.</summary>
    public static void CheckClientWritable(UserPoolClientType client, IReadOnlyList<AttributeType> attributes)
    {
        var writable = client.WriteAttributes is { Count: > 0 } w ? w : null;
        foreach (var attribute in attributes)
        {
            if (attribute.Name.StartsWith("dev:", StringComparison.Ordinal) || (writable is not null && !writable.Contains(attribute.Name)))
            {
                throw CognitoErrors.UnauthorizedAttributeWrite();
            }
        }
    }

    /// <summary>The required attributes of the schema that <paramref name="attributes"/> lacks.</summary>
    public static IEnumerable<string> MissingRequired(UserPoolSettings pool, IReadOnlyDictionary<string, string> attributes) =>
        pool.Schema.Where(s => s.Required == true && s.Name is not "sub" && !attributes.ContainsKey(s.Name!)).Select(s => s.Name!);

    public static CognitoException Schema(string name, string problem) => CognitoErrors.AttributesDoNotConform([(name, problem)]);

    /// <summary>An email or phone number that is not one: Cognito's own messages, not schema lines.</summary>
    private static CognitoException? FormatError(string name, string value) => name switch
    {
        "email" when value.Length > 0 && !LooksLikeEmail(value) => CognitoErrors.InvalidEmailFormat(),
        "phone_number" when value.Length > 0 && !LooksLikePhone(value) => CognitoErrors.InvalidPhoneFormat(),
        _ => null,
    };

    /// <summary>What is wrong with <paramref name="value"/> for its schema attribute, or null.</summary>
    private static string? ValueProblem(SchemaAttributeType schema, string value)
    {
        if (value.Length > 2048)
        {
            return "String must be no longer than 2048 characters";
        }

        switch (schema.AttributeDataType)
        {
            case AttributeDataType.Boolean when value is not ("true" or "false"):
                return "Attribute value must be true or false.";
            case AttributeDataType.Number when !double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _):
                return "Number attribute value is not a number.";
            case AttributeDataType.DateTime when !IsDateTime(value):
                return "DateTime attribute value is not a valid ISO 8601 date or date-time.";
            case AttributeDataType.Number when schema.NumberAttributeConstraints is { } n:
                return RangeProblem(n, double.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
            case AttributeDataType.String when schema.StringAttributeConstraints is { } c:
                if (int.TryParse(c.MaxLength, out var max) && value.Length > max)
                {
                    return $"String must be no longer than {max} characters";
                }

                return int.TryParse(c.MinLength, out var min) && value.Length < min ? $"String must be at least {min} characters" : null;
            default:
                return null;
        }
    }

    /// <summary>NumberAttributeConstraints on write. The wording follows the String one above; Cognito's own text
    /// is not in our sources (guessed).</summary>
    private static string? RangeProblem(NumberAttributeConstraintsType constraints, double value)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (double.TryParse(constraints.MinValue, invariant, out var min) && value < min)
        {
            return $"Number must be no less than {constraints.MinValue}";
        }

        return double.TryParse(constraints.MaxValue, invariant, out var max) && value > max
            ? $"Number must be no greater than {constraints.MaxValue}"
            : null;
    }

    /// <summary>DateTime values: ISO 8601 calendar dates (<c>2026-11-23</c>) or date-times with an optional
    /// fraction and offset (<c>2026-11-23T17:45:00Z</c>, <c>…T17:45:00.5+09:00</c>) that name a real instant. Cognito
    /// does not document its format; this one is our choice (guessed).</summary>
    private static bool IsDateTime(string value) =>
        IsoDateTimePattern().IsMatch(value)
        && DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out _);

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDateTimePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+[0-9]{4,15}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
