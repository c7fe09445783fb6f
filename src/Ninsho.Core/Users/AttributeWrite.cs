namespace Ninsho.Core.Users;

/// <summary>The kind of path that writes user attributes: it decides whether immutable attributes may be set and
/// how refused attributes are worded (docs/compatibility-schema.md, "Attribute errors").</summary>
internal enum AttributeWrite
{
    /// <summary>SignUp, AdminCreateUser, the user import: immutable attributes may be set; refusals read
    /// "Attributes did not conform to the schema: &lt;name&gt;: …".</summary>
    Create,

    /// <summary>The NEW_PASSWORD_REQUIRED challenge: immutable attributes are refused, worded as on create.</summary>
    Challenge,

    /// <summary>AdminUpdateUserAttributes, UpdateUserAttributes: immutable attributes are refused; each refusal
    /// reads "user.&lt;name&gt;: …".</summary>
    Update,
}
