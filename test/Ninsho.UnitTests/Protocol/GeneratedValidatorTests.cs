using Ninsho.Protocol.IdentityProvider;
using Ninsho.Protocol.Validation;

using Xunit;

namespace Ninsho.UnitTests.Protocol;

public sealed class GeneratedValidatorTests
{
    private static string? Validate<T>(T request, Action<T, ValidationErrors> validate)
    {
        var errors = new ValidationErrors();
        validate(request, errors);
        return errors.Count == 0 ? null : errors.ToMessage();
    }

    [Fact]
    public void Reports_missing_required_member_with_lower_camel_name()
    {
        var message = Validate(new ListUserPoolsRequest(), IdentityProviderValidator.Validate);

        Assert.Equal("1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null", message);
    }

    [Fact]
    public void Reports_pattern_failure_with_the_model_pattern()
    {
        var message = Validate(new DescribeUserPoolRequest { UserPoolId = "bad pool" }, IdentityProviderValidator.Validate);

        Assert.Equal(
            "1 validation error detected: Value 'bad pool' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+",
            message);
    }

    [Fact]
    public void Accepts_a_real_pool_id()
    {
        Assert.Null(Validate(new DescribeUserPoolRequest { UserPoolId = "ap-northeast-1_vi4PeCz78" }, IdentityProviderValidator.Validate));
    }

    [Fact]
    public void Applies_java_ascii_word_class_not_unicode()
    {
        // Java's \w is ASCII-only: a pool id with a non-ASCII letter is invalid in Cognito.
        Assert.NotNull(Validate(new DescribeUserPoolRequest { UserPoolId = "ap-northeast-1_é" }, IdentityProviderValidator.Validate));
    }

    [Fact]
    public void Counts_several_errors_and_joins_them()
    {
        var message = Validate(new AdminGetUserRequest { UserPoolId = null!, Username = null! }, IdentityProviderValidator.Validate);

        Assert.Equal(
            "2 validation errors detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null; "
            + "Value null at 'username' failed to satisfy constraint: Member must not be null",
            message);
    }

    [Fact]
    public void Leaves_out_sensitive_values()
    {
        var message = Validate(
            new AdminSetUserPasswordRequest { UserPoolId = "us-east-1_abc", Username = "alice", Password = new string('x', 257) },
            IdentityProviderValidator.Validate);

        Assert.Equal(
            "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 256",
            message);
    }

    [Fact]
    public void Reports_unknown_enum_value_with_the_value_set()
    {
        var message = Validate(
            new AdminCreateUserRequest { UserPoolId = "us-east-1_abc", Username = "alice", MessageAction = "NOPE" },
            IdentityProviderValidator.Validate);

        Assert.Equal(
            "1 validation error detected: Value 'NOPE' at 'messageAction' failed to satisfy constraint: Member must satisfy enum value set: [RESEND, SUPPRESS]",
            message);
    }

    [Fact]
    public void Checks_nested_list_members_and_numbers()
    {
        var message = Validate(
            new CreateUserPoolClientRequest
            {
                UserPoolId = "us-east-1_abc",
                ClientName = "app",
                ExplicitAuthFlows = ["ALLOW_USER_PASSWORD_AUTH", "NOT_A_FLOW"],
                AccessTokenValidity = 0,
            },
            IdentityProviderValidator.Validate);

        Assert.Contains("Value '0' at 'accessTokenValidity' failed to satisfy constraint: Member must have value greater than or equal to 1", message);
        Assert.Contains("Value 'NOT_A_FLOW' at 'explicitAuthFlows.2.member' failed to satisfy constraint: Member must satisfy enum value set:", message);
    }
}
