using System.Globalization;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Pools;

/// <summary>Cognito's defaults for what a create or update request leaves out (docs/cognito-behaviour.md#token-lifetimes-and-client-defaults, #password-policy).</summary>
internal static class UserPoolDefaults
{
    public static PasswordPolicyType PasswordPolicy { get; } = new()
    {
        MinimumLength = 8,
        RequireUppercase = true,
        RequireLowercase = true,
        RequireNumbers = true,
        RequireSymbols = true,
        TemporaryPasswordValidityDays = 7,
    };

    public static UserPoolPolicyType Policies(UserPoolPolicyType? given) => new()
    {
        PasswordPolicy = given?.PasswordPolicy is { } p
            ? p with { TemporaryPasswordValidityDays = p.TemporaryPasswordValidityDays is null or 0 ? 7 : p.TemporaryPasswordValidityDays }
            : PasswordPolicy,
        SignInPolicy = given?.SignInPolicy ?? new SignInPolicyType { AllowedFirstAuthFactors = [AuthFactorType.PASSWORD] },
    };

    public static AdminCreateUserConfigType AdminCreateUser(AdminCreateUserConfigType? given, PasswordPolicyType policy) =>
        (given ?? new AdminCreateUserConfigType()) with
        {
            AllowAdminCreateUserOnly = given?.AllowAdminCreateUserOnly ?? false,
            UnusedAccountValidityDays = given?.UnusedAccountValidityDays is > 0 ? given.UnusedAccountValidityDays : policy.TemporaryPasswordValidityDays ?? 7,
        };

    /// <summary>The standard schema with the request's changes to standard attributes, then its custom attributes,
    /// checked as Cognito checks them (docs/compatibility-schema.md).</summary>
    public static List<SchemaAttributeType> Schema(IReadOnlyList<SchemaAttributeType>? requested)
    {
        var result = StandardSchema.Attributes.ToList();
        foreach (var attr in requested ?? [])
        {
            var name = attr.Name ?? throw CognitoErrors.SchemaAttributeNameMissing();
            if (!StandardSchema.IsStandard(name))
            {
                AddCustom(result, attr, name);
                continue;
            }

            if (name == "sub")
            {
                throw CognitoErrors.SubAttributeFixed();
            }

            var index = result.FindIndex(a => a.Name == name);
            var standard = result[index];
            if ((attr.AttributeDataType is { } type && type != standard.AttributeDataType) || attr.DeveloperOnlyAttribute == true)
            {
                throw CognitoErrors.StandardAttributeFixed(name);
            }

            result[index] = Constrained(standard with
            {
                Required = attr.Required ?? standard.Required,
                Mutable = attr.Mutable ?? standard.Mutable,
                StringAttributeConstraints = attr.StringAttributeConstraints ?? standard.StringAttributeConstraints,
                NumberAttributeConstraints = attr.NumberAttributeConstraints ?? standard.NumberAttributeConstraints,
            });
        }

        return result;
    }

    /// <summary>AddCustomAttributes: the schema with the given attributes added, each as <c>custom:&lt;name&gt;</c>
    /// (<c>dev:custom:</c> for developer-only ones) whatever the name already starts with; at most 50 custom
    /// attributes in all.</summary>
    public static List<SchemaAttributeType> WithCustomAttributes(IReadOnlyList<SchemaAttributeType> schema, IReadOnlyList<SchemaAttributeType> added)
    {
        var result = schema.ToList();
        foreach (var attr in added)
        {
            AddCustom(result, attr, attr.Name ?? throw CognitoErrors.SchemaAttributeNameMissing());
        }

        if (result.Count(a => a.Name!.Contains("custom:", StringComparison.Ordinal)) > MaxCustomAttributes)
        {
            throw CognitoErrors.TooManyCustomAttributes(MaxCustomAttributes);
        }

        return result;
    }

    public const int MaxCustomAttributes = 50;

    /// <summary>The longest string any attribute can hold, and so the largest length constraint.</summary>
    public const int MaxStringLength = 2048;

    /// <summary>Adds a custom attribute under <c>custom:</c> (or <c>dev:custom:</c>) and the name as given, so a
    /// name given as <c>custom:x</c> becomes <c>custom:custom:x</c>, as in Cognito.</summary>
    private static void AddCustom(List<SchemaAttributeType> result, SchemaAttributeType attr, string name)
    {
        var full = (attr.DeveloperOnlyAttribute == true ? "dev:custom:" : "custom:") + name;
        if (result.Exists(a => a.Name == full || a.Name == "custom:" + name || a.Name == "dev:custom:" + name))
        {
            throw CognitoErrors.AttributeExists("custom:" + name, full);
        }

        if (attr.AttributeDataType is null)
        {
            throw CognitoErrors.MissingAttributeDataType();
        }

        if (attr.Required == true)
        {
            throw CognitoErrors.RequiredCustomAttribute();
        }

        result.Add(Constrained(attr with
        {
            Name = full,
            DeveloperOnlyAttribute = attr.DeveloperOnlyAttribute ?? false,
            Mutable = attr.Mutable ?? true,
            Required = false,
        }));
    }

    /// <summary>The attribute with only the constraints of its type, after checking them: lengths are whole numbers
    /// from 0 to 2048, values are numbers, and a minimum is not above its maximum.</summary>
    private static SchemaAttributeType Constrained(SchemaAttributeType attr)
    {
        var name = attr.Name!;
        if (attr.AttributeDataType == AttributeDataType.String && attr.StringAttributeConstraints is { } s)
        {
            var min = Length(s.MinLength, name);
            var max = Length(s.MaxLength, name);
            if (min > MaxStringLength || max > MaxStringLength)
            {
                throw CognitoErrors.StringConstraintOver2048(name);
            }

            if (min > max)
            {
                throw CognitoErrors.MaxLengthBelowMinLength(name);
            }
        }

        if (attr.AttributeDataType == AttributeDataType.Number && attr.NumberAttributeConstraints is { } n
            && Value(n.MinValue, name) > Value(n.MaxValue, name))
        {
            throw CognitoErrors.MaxValueBelowMinValue(name);
        }

        return attr with
        {
            StringAttributeConstraints = attr.AttributeDataType == AttributeDataType.String ? attr.StringAttributeConstraints : null,
            NumberAttributeConstraints = attr.AttributeDataType == AttributeDataType.Number ? attr.NumberAttributeConstraints : null,
        };
    }

    private static long? Length(string? given, string name) =>
        string.IsNullOrEmpty(given) ? null
        : long.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out var length) ? length
        : throw CognitoErrors.InvalidAttributeConstraints("StringAttributeConstraints", name);

    private static decimal? Value(string? given, string name) =>
        string.IsNullOrEmpty(given) ? null
        : decimal.TryParse(given, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value
        : throw CognitoErrors.InvalidAttributeConstraints("NumberAttributeConstraints", name);
}
