using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.UserPools;

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

    /// <summary>The standard schema with the request's changes to standard attributes, then its custom attributes.</summary>
    public static List<SchemaAttributeType> Schema(IReadOnlyList<SchemaAttributeType>? requested)
    {
        var result = StandardSchema.Attributes.ToList();
        foreach (var attr in requested ?? [])
        {
            var name = attr.Name ?? throw CognitoErrors.InvalidParameter("Schema attributes must have a name.");
            var index = result.FindIndex(a => a.Name == name);
            if (index >= 0)
            {
                if (name == "sub")
                {
                    throw CognitoErrors.InvalidParameter("sub attribute cannot be modified.");
                }

                var standard = result[index];
                result[index] = standard with
                {
                    Required = attr.Required ?? standard.Required,
                    Mutable = attr.Mutable ?? standard.Mutable,
                    StringAttributeConstraints = attr.StringAttributeConstraints ?? standard.StringAttributeConstraints,
                    NumberAttributeConstraints = attr.NumberAttributeConstraints ?? standard.NumberAttributeConstraints,
                };
                continue;
            }

            AddCustom(result, attr, name);
        }

        return result;
    }

    /// <summary>AddCustomAttributes: the schema with the given attributes added, each as <c>custom:&lt;name&gt;</c>
    /// (<c>dev:custom:</c> for developer-only ones); at most 50 custom attributes in all.</summary>
    public static List<SchemaAttributeType> WithCustomAttributes(IReadOnlyList<SchemaAttributeType> schema, IReadOnlyList<SchemaAttributeType> added)
    {
        var result = schema.ToList();
        foreach (var attr in added)
        {
            var name = attr.Name ?? throw CognitoErrors.InvalidParameter("Schema attributes must have a name.");
            AddCustom(result, attr, name.StartsWith("custom:", StringComparison.Ordinal) ? name : "custom:" + name);
        }

        if (result.Count(a => a.Name!.Contains("custom:", StringComparison.Ordinal)) > MaxCustomAttributes)
        {
            // Guessed wording; the quota (50) is Cognito's.
            throw CognitoErrors.InvalidParameter($"A user pool can have at most {MaxCustomAttributes} custom attributes.");
        }

        return result;
    }

    public const int MaxCustomAttributes = 50;

    private static void AddCustom(List<SchemaAttributeType> result, SchemaAttributeType attr, string name)
    {
        if (attr.Required == true)
        {
            throw CognitoErrors.InvalidParameter("Required custom attributes are not supported currently.");
        }

        var prefix = attr.DeveloperOnlyAttribute == true ? "dev:custom:" : "custom:";
        var bare = name.StartsWith("custom:", StringComparison.Ordinal) ? name["custom:".Length..] : name;
        var full = prefix + bare;
        if (result.Exists(a => a.Name == full || a.Name == "custom:" + bare || a.Name == "dev:custom:" + bare))
        {
            throw CognitoErrors.InvalidParameter($"Existing attribute already has name {full}.");
        }

        result.Add(attr with
        {
            Name = full,
            AttributeDataType = attr.AttributeDataType ?? AttributeDataType.String,
            DeveloperOnlyAttribute = attr.DeveloperOnlyAttribute ?? false,
            Mutable = attr.Mutable ?? true,
            Required = false,
        });
    }
}
