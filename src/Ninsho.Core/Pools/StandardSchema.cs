using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Pools;

/// <summary>The standard attributes every pool has, in the order Cognito lists them
/// (awscli example create-user-pool; docs/cognito-behaviour.md#user-attributes-and-schema).</summary>
internal static class StandardSchema
{
    public static readonly IReadOnlyList<SchemaAttributeType> Attributes =
    [
        Text("sub", min: "1", mutable: false, required: true),
        Text("name"), Text("given_name"), Text("family_name"), Text("middle_name"), Text("nickname"),
        Text("preferred_username"), Text("profile"), Text("picture"), Text("website"), Text("email"),
        Flag("email_verified"), Text("gender"), Text("birthdate", min: "10", max: "10"), Text("zoneinfo"),
        Text("locale"), Text("phone_number"), Flag("phone_number_verified"), Text("address"),
        new SchemaAttributeType
        {
            Name = "updated_at", AttributeDataType = AttributeDataType.Number, DeveloperOnlyAttribute = false,
            Mutable = true, Required = false, NumberAttributeConstraints = new NumberAttributeConstraintsType { MinValue = "0" },
        },
    ];

    private static readonly HashSet<string> Names = Attributes.Select(a => a.Name!).ToHashSet(StringComparer.Ordinal);

    public static bool IsStandard(string name) => Names.Contains(name);

    private static SchemaAttributeType Text(string name, string min = "0", string max = "2048", bool mutable = true, bool required = false) => new()
    {
        Name = name,
        AttributeDataType = AttributeDataType.String,
        DeveloperOnlyAttribute = false,
        Mutable = mutable,
        Required = required,
        StringAttributeConstraints = new StringAttributeConstraintsType { MinLength = min, MaxLength = max },
    };

    private static SchemaAttributeType Flag(string name) => new()
    {
        Name = name,
        AttributeDataType = AttributeDataType.Boolean,
        DeveloperOnlyAttribute = false,
        Mutable = true,
        Required = false,
    };
}
