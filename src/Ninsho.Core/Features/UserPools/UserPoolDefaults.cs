using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.UserPools;

/// <summary>Cognito's defaults for what a create or update request leaves out (cognito-facts.md §4.5, §7.1).</summary>
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

            if (attr.Required == true)
            {
                throw CognitoErrors.InvalidParameter("Required custom attributes are not supported currently.");
            }

            var prefix = attr.DeveloperOnlyAttribute == true ? "dev:custom:" : "custom:";
            var full = name.StartsWith("custom:", StringComparison.Ordinal) ? name : prefix + name;
            if (result.Exists(a => a.Name == full))
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

        return result;
    }
}
