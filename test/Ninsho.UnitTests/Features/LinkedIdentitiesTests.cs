using System.Text;
using System.Text.Json;
using Ninsho.Core.Users;
using Xunit;

namespace Ninsho.UnitTests.Features;

public sealed class LinkedIdentitiesTests
{
    private static readonly LinkedIdentity Google = new("1098", "Google", "Google", Issuer: null, Primary: false, 1764000000123);
    private static readonly LinkedIdentity Corp = new("a@corp.example", "Corp", "SAML", "https://idp.example.com", Primary: true, 1764000000456);

    [Fact]
    public void Renders_the_attribute_as_Cognito_shows_it_and_reads_it_back()
    {
        var json = LinkedIdentities.Render([Google, Corp]);

        Assert.Equal(
            "[{\"userId\":\"1098\",\"providerName\":\"Google\",\"providerType\":\"Google\",\"issuer\":null,\"primary\":false,\"dateCreated\":1764000000123}," +
            "{\"userId\":\"a@corp.example\",\"providerName\":\"Corp\",\"providerType\":\"SAML\",\"issuer\":\"https://idp.example.com\",\"primary\":true,\"dateCreated\":1764000000456}]",
            json);
        Assert.Equal([Google, Corp], LinkedIdentities.Parse(json));
    }

    [Fact]
    public void Writes_the_id_token_claim_with_string_dates_and_flags()
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            LinkedIdentities.WriteClaim(writer, LinkedIdentities.Render([Corp]));
            writer.WriteEndObject();
        }

        Assert.Equal(
            "{\"identities\":[{\"dateCreated\":\"1764000000456\",\"userId\":\"a@corp.example\",\"providerName\":\"Corp\",\"providerType\":\"SAML\"," +
            "\"issuer\":\"https://idp.example.com\",\"primary\":\"true\"}]}",
            Encoding.UTF8.GetString(buffer.ToArray()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"userId\":\"1\"}")]
    public void Reads_no_identities_from_a_value_that_is_not_an_array(string value) =>
        Assert.Empty(LinkedIdentities.Parse(value));
}
