using System.Text.Json;
using Ninsho.Core.Features.Federation;
using Xunit;

namespace Ninsho.UnitTests.Features;

/// <summary>The pieces of federation that need no provider: where <c>--federation-endpoint</c> sends a social
/// provider's URLs, and how provider attributes become strings (docs/federation.md).</summary>
public sealed class ProviderClientTests
{
    [Theory]
    [InlineData("https://accounts.google.com/o/oauth2/v2/auth", "http://127.0.0.1:4000", "http://127.0.0.1:4000/o/oauth2/v2/auth")]
    [InlineData("https://people.googleapis.com/v1/people/me?personFields=", "http://127.0.0.1:4000", "http://127.0.0.1:4000/v1/people/me?personFields=")]
    [InlineData("https://accounts.google.com", "http://127.0.0.1:4000/", "http://127.0.0.1:4000")]
    [InlineData("https://graph.facebook.com/v17.0/oauth/access_token", "http://127.0.0.1:4000/fb", "http://127.0.0.1:4000/fb/v17.0/oauth/access_token")]
    public void Does_move_a_social_providers_url_to_the_stand_in_keeping_its_path(string url, string standIn, string expected) =>
        Assert.Equal(expected, ProviderClient.Rewrite(url, new Uri(standIn)));

    [Fact]
    public void Does_leave_urls_alone_without_a_stand_in() =>
        Assert.Equal("https://api.amazon.com/user/profile", ProviderClient.Rewrite("https://api.amazon.com/user/profile", null));

    [Fact]
    public void Does_flatten_provider_attributes_to_strings()
    {
        using var json = JsonDocument.Parse("""{"sub":"1","email_verified":true,"age":42,"names":[{"givenName":"A"}],"gone":null}""");
        var flat = ProviderClient.Flatten(json.RootElement);
        Assert.Equal("1", flat["sub"]);
        Assert.Equal("true", flat["email_verified"]);
        Assert.Equal("42", flat["age"]);
        Assert.Equal("""[{"givenName":"A"}]""", flat["names"]);
        Assert.False(flat.ContainsKey("gone"));
    }
}
