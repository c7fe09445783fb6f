using System.Text.RegularExpressions;

namespace Ninsho.Server.Tests;

/// <summary>An app client's terms documents through the real AWS CLI: create (a v4 TermsId, one document per TermsName
/// and client), describe, update (renaming onto a taken name refused), list in pages of summaries, delete, and the
/// documents of a deleted client going with it.</summary>
[Collection(DirectoryServer.Name)]
public sealed partial class TermsTests(NinshoServerFixture fixture)
{
    private const string Links = """{"cognito:default":"https://example.com/terms","cognito:japanese":"https://example.com/ja/terms"}""";

    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Creates_describes_updates_lists_and_deletes_terms()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = await Cli.CreatePoolAsync("terms", ct);
        var client = (await Cli.CreateClientAsync(pool, "web", ct)).Str("ClientId");

        var terms = (await CreateTermsAsync(pool, client, "terms-of-use", ct, "--links", Links)).Ok().Prop("Terms");
        var termsId = terms.Str("TermsId");
        Assert.Matches(UuidV4(), termsId);
        Assert.Equal((pool, client, "terms-of-use", "LINK", "NONE"),
            (terms.Str("UserPoolId"), terms.Str("ClientId"), terms.Str("TermsName"), terms.Str("TermsSource"), terms.Str("Enforcement")));
        Assert.Equal("https://example.com/ja/terms", terms.Prop("Links").Str("cognito:japanese"));
        Assert.Equal(["cognito:default", "cognito:japanese"], terms.Prop("Links").Names().Order(StringComparer.Ordinal));
        terms.AssertEpochSeconds("CreationDate");
        terms.AssertEpochSeconds("LastModifiedDate");

        (await CreateTermsAsync(pool, client, "terms-of-use", ct, "--links", """{"cognito:default":"https://example.com/other"}"""))
            .AssertError("TermsExistsException", "CreateTerms", "Terms with the name terms-of-use already exist for this app client.");
        var privacy = (await CreateTermsAsync(pool, client, "privacy-policy", ct)).Ok().Prop("Terms");
        privacy.AssertEmptyObject("Links");

        var described = (await Cli.CognitoIdpAsync(ct, "describe-terms", "--user-pool-id", pool, "--terms-id", termsId)).Ok().Prop("Terms");
        Assert.Equal(terms.GetRawText(), described.GetRawText());

        (await Cli.CognitoIdpAsync(ct, "update-terms", "--user-pool-id", pool, "--terms-id", privacy.Str("TermsId"), "--terms-name", "terms-of-use"))
            .AssertError("TermsExistsException", "UpdateTerms", "Terms with the name terms-of-use already exist for this app client.");
        var updated = (await Cli.CognitoIdpAsync(ct, "update-terms", "--user-pool-id", pool, "--terms-id", termsId,
            "--links", """{"cognito:english":"https://example.com/en/terms"}""")).Ok().Prop("Terms");
        Assert.Equal(["cognito:english"], updated.Prop("Links").Names());
        Assert.Equal(("terms-of-use", client), (updated.Str("TermsName"), updated.Str("ClientId")));

        var first = (await Cli.CognitoIdpAsync(ct, "list-terms", "--user-pool-id", pool, "--max-results", "1")).Ok();
        var firstItem = Assert.Single(first.Items("Terms"));
        Assert.Equal(["CreationDate", "Enforcement", "LastModifiedDate", "TermsId", "TermsName"], firstItem.Names().Order(StringComparer.Ordinal));
        var rest = (await Cli.CognitoIdpAsync(ct, "list-terms", "--user-pool-id", pool, "--max-results", "1", "--next-token", first.Str("NextToken"))).Ok();
        rest.AssertMissing("NextToken");
        Assert.Equal(
            new[] { termsId, privacy.Str("TermsId") }.Order(StringComparer.Ordinal),
            first.Items("Terms").Concat(rest.Items("Terms")).Select(t => t.Str("TermsId")));

        (await Cli.CognitoIdpAsync(ct, "delete-terms", "--user-pool-id", pool, "--terms-id", termsId)).OkEmpty();
        (await Cli.CognitoIdpAsync(ct, "describe-terms", "--user-pool-id", pool, "--terms-id", termsId))
            .AssertError("ResourceNotFoundException", "DescribeTerms", $"Terms {termsId} does not exist.");
        (await Cli.CognitoIdpAsync(ct, "delete-terms", "--user-pool-id", pool, "--terms-id", termsId))
            .AssertError("ResourceNotFoundException", "DeleteTerms", $"Terms {termsId} does not exist.");
        var again = (await CreateTermsAsync(pool, client, "terms-of-use", ct)).Ok().Prop("Terms");
        Assert.NotEqual(termsId, again.Str("TermsId"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Refuses_unknown_clients_and_deletes_terms_with_their_client()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = await Cli.CreatePoolAsync("terms-clients", ct);
        var other = await Cli.CreatePoolAsync("terms-other", ct);
        var foreign = (await Cli.CreateClientAsync(other, "elsewhere", ct)).Str("ClientId");
        var client = (await Cli.CreateClientAsync(pool, "web", ct)).Str("ClientId");

        (await CreateTermsAsync(pool, "nosuchclient1", "terms-of-use", ct))
            .AssertError("ResourceNotFoundException", "CreateTerms", "User pool client nosuchclient1 does not exist.");
        (await CreateTermsAsync(pool, foreign, "terms-of-use", ct))
            .AssertError("ResourceNotFoundException", "CreateTerms", $"User pool client {foreign} does not exist.");
        (await CreateTermsAsync(pool, client, "cookie-policy", ct)).AssertError("InvalidParameterException", "CreateTerms",
            "1 validation error detected: Value 'cookie-policy' at 'termsName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(terms-of-use|privacy-policy)$");

        var terms = (await CreateTermsAsync(pool, client, "privacy-policy", ct, "--links", Links)).Ok().Prop("Terms");
        (await Cli.CognitoIdpAsync(ct, "delete-user-pool-client", "--user-pool-id", pool, "--client-id", client)).OkEmpty();

        (await Cli.CognitoIdpAsync(ct, "describe-terms", "--user-pool-id", pool, "--terms-id", terms.Str("TermsId")))
            .AssertError("ResourceNotFoundException", "DescribeTerms", $"Terms {terms.Str("TermsId")} does not exist.");
        Assert.Empty((await Cli.CognitoIdpAsync(ct, "list-terms", "--user-pool-id", pool)).Ok().Items("Terms"));
    }

    private Task<AwsCliResult> CreateTermsAsync(string pool, string client, string name, CancellationToken ct, params string[] options) =>
        Cli.CognitoIdpAsync(ct, ["create-terms", "--user-pool-id", pool, "--client-id", client, "--terms-name", name,
            "--terms-source", "LINK", "--enforcement", "NONE", .. options]);

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex UuidV4();
}
