using Ninsho.Core.Pools;
using Ninsho.Core.Users;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;
using Xunit;

namespace Ninsho.UnitTests.Features;

public sealed class UserFilterParserTests
{
    private static readonly UserPoolSettings Pool = new(
        new StoredUserPool { Id = "us-east-1_abc", Name = "p", CreatedAt = default, ModifiedAt = default, ConfigJson = "{}" },
        new UserPoolType());

    [Theory]
    [InlineData("email = \"Alice@Example.com\"", "email", "alice@example.com", false)]
    [InlineData("email^=\"ali\"", "email", "ali", true)]
    [InlineData("username = \"Bob\"", "username", "Bob", false)]
    [InlineData("cognito:user_status = \"confirmed\"", "cognito:user_status", "CONFIRMED", false)]
    [InlineData("status = \"Enabled\"", "status", "Enabled", false)]
    [InlineData("name = \"say \\\"hi\\\"\"", "name", "say \"hi\"", false)]
    public void Parses_the_filter_grammar(string filter, string attribute, string value, bool prefix)
    {
        Assert.Equal(new UserFilter(attribute, value, prefix), UserFilterParser.Parse(filter, Pool));
    }

    [Fact]
    public void Empty_filter_means_all_users()
    {
        Assert.Null(UserFilterParser.Parse("  ", Pool));
    }

    [Theory]
    [InlineData("email")]
    [InlineData("email = alice")]
    [InlineData("email ~ \"a\"")]
    [InlineData("email = \"a\" and name = \"b\"")]
    [InlineData("= \"a\"")]
    public void Refuses_malformed_filters_as_Cognito_words_it(string filter)
    {
        var e = Assert.Throws<CognitoException>(() => UserFilterParser.Parse(filter, Pool));

        Assert.Equal(("InvalidParameterException", "Error while parsing filter."), (e.Type, e.Message));
    }

    [Fact]
    public void Refuses_attributes_that_are_not_searchable()
    {
        var e = Assert.Throws<CognitoException>(() => UserFilterParser.Parse("custom:tier = \"gold\"", Pool));

        Assert.Equal("InvalidParameterException", e.Type);
    }
}
