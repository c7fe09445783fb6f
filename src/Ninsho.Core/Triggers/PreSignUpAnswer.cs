using Ninsho.Protocol.Errors;

namespace Ninsho.Core.Triggers;

/// <summary>The pre sign-up function's answer (for SignUp; AdminCreateUser ignores it).</summary>
internal sealed record PreSignUpAnswer(bool AutoConfirmUser, bool AutoVerifyEmail, bool AutoVerifyPhone)
{
    /// <summary>The attributes the function verified: <c>email</c>, <c>phone_number</c>, both or none.</summary>
    public IEnumerable<string> Verified =>
        new[] { (AutoVerifyEmail, "email"), (AutoVerifyPhone, "phone_number") }.Where(v => v.Item1).Select(v => v.Item2);

    /// <summary>Marks email and phone verified as asked; asking for one the user does not have fails the sign-up.</summary>
    public void ApplyVerified(Dictionary<string, string> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        foreach (var (asked, name) in new[] { (AutoVerifyEmail, "email"), (AutoVerifyPhone, "phone_number") })
        {
            if (!asked)
            {
                continue;
            }

            if (attributes.GetValueOrDefault(name) is not { Length: > 0 })
            {
                throw CognitoErrors.TriggerAutoVerifyWithoutAttribute(name);
            }

            attributes[name + "_verified"] = "true";
        }
    }
}
