namespace Ninsho.Protocol.Errors;

/// <summary>The user pool schema and user attribute errors (docs/compatibility-schema.md names the source, or
/// "guessed", for each wording).</summary>
public static partial class CognitoErrors
{
    /// <summary>A standard attribute given another AttributeDataType, or marked developer-only.</summary>
    public static CognitoException StandardAttributeFixed(string name) =>
        InvalidParameter($"You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute {name}");

    /// <summary>A custom attribute without an AttributeDataType.</summary>
    public static CognitoException MissingAttributeDataType() =>
        InvalidParameter("Invalid AttributeDataType input, consider using the provided AttributeDataType enum.");

    /// <summary>A constraint that is not a number (or, for a length, not a whole number from 0).
    /// <paramref name="constraints"/> is <c>StringAttributeConstraints</c> or <c>NumberAttributeConstraints</c>.</summary>
    public static CognitoException InvalidAttributeConstraints(string constraints, string name) =>
        InvalidParameter($"Invalid {constraints} for schema attribute {name}");

    public static CognitoException StringConstraintOver2048(string name) =>
        InvalidParameter($"user.{name}: String attributes cannot have a length of more than 2048");

    public static CognitoException MaxLengthBelowMinLength(string name) =>
        InvalidParameter($"user.{name}: Max length cannot be less than min length.");

    public static CognitoException MaxValueBelowMinValue(string name) =>
        InvalidParameter($"user.{name}: Max value cannot be less than min value.");

    /// <summary><paramref name="given"/> is <c>custom:</c> and the name as the request gave it; <paramref name="existing"/>
    /// the schema's name for it.</summary>
    public static CognitoException AttributeExists(string given, string existing) =>
        InvalidParameter($"{given}: Existing attribute already has name {existing}.");

    /// <summary>Attributes refused on a create path (SignUp, AdminCreateUser, the new-password challenge): one
    /// line per attribute, each ending in a newline, after one lead.</summary>
    public static CognitoException AttributesDoNotConform(IEnumerable<(string Name, string Problem)> problems) =>
        InvalidParameter("Attributes did not conform to the schema: " + string.Concat(problems.Select(p => $"{p.Name}: {p.Problem}\n")));

    /// <summary>Attributes refused on an update path (AdminUpdateUserAttributes, UpdateUserAttributes): one
    /// <c>user.&lt;name&gt;: …</c> line per attribute, each ending in a newline.</summary>
    public static CognitoException UserAttributesInvalid(IEnumerable<(string Name, string Problem)> problems) =>
        InvalidParameter(string.Concat(problems.Select(p => $"user.{p.Name}: {p.Problem}\n")));

    /// <summary>An app client's ReadAttributes or WriteAttributes names an attribute the pool's schema lacks.</summary>
    public static CognitoException InvalidClientAttributes(bool write, bool creating) =>
        InvalidParameter($"Invalid {(write ? "write" : "read")} attributes specified while {(creating ? "creating" : "updating")} a client");

    /// <summary>A schema attribute without a Name (guessed).</summary>
    public static CognitoException SchemaAttributeNameMissing() => InvalidParameter("Schema attributes must have a name.");

    /// <summary>The schema names <c>sub</c> (unconfirmed: moto's text).</summary>
    public static CognitoException SubAttributeFixed() => InvalidParameter("sub attribute cannot be modified.");

    /// <summary>More custom attributes than the quota of 50 (guessed wording; the quota is Cognito's).</summary>
    public static CognitoException TooManyCustomAttributes(int max) =>
        InvalidParameter($"A user pool can have at most {max} custom attributes.");

    /// <summary>A custom attribute marked Required (unconfirmed: moto's text).</summary>
    public static CognitoException RequiredCustomAttribute() => InvalidParameter("Required custom attributes are not supported currently.");

    /// <summary>A client writing an attribute outside its WriteAttributes, or a <c>dev:</c> one (unconfirmed: users'
    /// reports quote it).</summary>
    public static CognitoException UnauthorizedAttributeWrite() => NotAuthorized("A client attempted to write unauthorized attribute");

    /// <summary>An email attribute that is not an email address (sourced).</summary>
    public static CognitoException InvalidEmailFormat() => InvalidParameter("Invalid email address format.");

    /// <summary>A phone_number attribute that is not a phone number (sourced).</summary>
    public static CognitoException InvalidPhoneFormat() => InvalidParameter("Invalid phone number format.");
}
