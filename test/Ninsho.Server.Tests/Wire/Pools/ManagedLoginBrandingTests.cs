using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ninsho.Server.Tests;

/// <summary>Managed login branding styles through the real AWS CLI: one style per app client, Cognito's defaults or a
/// Settings document (never both, never neither), assets, describe by id and by client, updates that merge into the
/// stored style, delete, and the style of a deleted client going with it.</summary>
[Collection(DirectoryServer.Name)]
public sealed partial class ManagedLoginBrandingTests(NinshoServerFixture fixture)
{
    private const string Exclusive = "useCognitoProvidedValues or settings should be specified (but not both)";
    private const string Settings = """{"components":{"primaryButton":{"lightMode":{"defaults":{"backgroundColor":"0972d3ff"}}}},"categories":{"global":{"colorSchemeMode":"LIGHT"}}}""";

    // CLI v1 sends a blob given on the command line as its raw text and prints blobs in base64: "<svg/>" is "PHN2Zy8+".
    private const string LightLogo = """[{"Category":"PAGE_HEADER_LOGO","ColorMode":"LIGHT","Extension":"SVG","Bytes":"<svg/>"}]""";
    private const string DarkLogo = """[{"Category":"PAGE_HEADER_LOGO","ColorMode":"DARK","Extension":"SVG","Bytes":"<svg/>"}]""";

    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Creates_describes_updates_and_deletes_a_style()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = await Cli.CreatePoolAsync("branding", ct);
        var client = (await Cli.CreateClientAsync(pool, "web", ct)).Str("ClientId");

        (await CreateAsync(pool, client, ct)).AssertError("InvalidParameterException", "CreateManagedLoginBranding", Exclusive);
        (await CreateAsync(pool, client, ct, "--use-cognito-provided-values", "--settings", Settings))
            .AssertError("InvalidParameterException", "CreateManagedLoginBranding", Exclusive);

        var style = (await CreateAsync(pool, client, ct, "--settings", Settings, "--assets", LightLogo)).Ok().Prop("ManagedLoginBranding");
        var id = style.Str("ManagedLoginBrandingId");
        Assert.Matches(UuidV4(), id);
        Assert.Equal(pool, style.Str("UserPoolId"));
        style.AssertFalse("UseCognitoProvidedValues");
        AssertJson(Settings, style.Prop("Settings"));
        var asset = Assert.Single(style.Items("Assets"));
        Assert.Equal(("PAGE_HEADER_LOGO", "LIGHT", "SVG", "PHN2Zy8+"),
            (asset.Str("Category"), asset.Str("ColorMode"), asset.Str("Extension"), asset.Str("Bytes")));
        style.AssertEpochSeconds("CreationDate");

        (await CreateAsync(pool, client, ct, "--use-cognito-provided-values")).AssertError("ManagedLoginBrandingExistsException",
            "CreateManagedLoginBranding", "A managed login branding style is already assigned to this app client.");
        var byId = (await Cli.CognitoIdpAsync(ct, "describe-managed-login-branding", "--user-pool-id", pool,
            "--managed-login-branding-id", id, "--return-merged-resources")).Ok().Prop("ManagedLoginBranding");
        Assert.Equal(style.GetRawText(), byId.GetRawText());
        var byClient = (await Cli.CognitoIdpAsync(ct, "describe-managed-login-branding-by-client", "--user-pool-id", pool,
            "--client-id", client)).Ok().Prop("ManagedLoginBranding");
        Assert.Equal(style.GetRawText(), byClient.GetRawText());

        var merged = (await UpdateAsync(pool, id, ct, "--settings", """{"categories":{"global":{"colorSchemeMode":"DARK"}}}""", "--assets", DarkLogo))
            .Ok().Prop("ManagedLoginBranding");
        AssertJson(
            """{"components":{"primaryButton":{"lightMode":{"defaults":{"backgroundColor":"0972d3ff"}}}},"categories":{"global":{"colorSchemeMode":"DARK"}}}""",
            merged.Prop("Settings"));
        Assert.Equal(["DARK", "LIGHT"], merged.Items("Assets").Select(a => a.Str("ColorMode")).Order(StringComparer.Ordinal));

        (await UpdateAsync(pool, id, ct, "--use-cognito-provided-values", "--settings", Settings))
            .AssertError("InvalidParameterException", "UpdateManagedLoginBranding", Exclusive);
        var reset = (await UpdateAsync(pool, id, ct, "--use-cognito-provided-values")).Ok().Prop("ManagedLoginBranding");
        reset.AssertTrue("UseCognitoProvidedValues");
        reset.AssertMissing("Settings");
        Assert.Empty(reset.Items("Assets"));

        (await Cli.CognitoIdpAsync(ct, "delete-managed-login-branding", "--user-pool-id", pool, "--managed-login-branding-id", id)).OkEmpty();
        (await Cli.CognitoIdpAsync(ct, "describe-managed-login-branding", "--user-pool-id", pool, "--managed-login-branding-id", id))
            .AssertError("ResourceNotFoundException", "DescribeManagedLoginBranding", $"Managed login branding {id} does not exist.");
        (await Cli.CognitoIdpAsync(ct, "describe-managed-login-branding-by-client", "--user-pool-id", pool, "--client-id", client))
            .AssertError("ResourceNotFoundException", "DescribeManagedLoginBrandingByClient", $"No managed login branding is assigned to app client {client}.");
        var fresh = (await CreateAsync(pool, client, ct, "--use-cognito-provided-values")).Ok().Prop("ManagedLoginBranding");
        Assert.NotEqual(id, fresh.Str("ManagedLoginBrandingId"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Takes_cognito_defaults_refuses_bad_input_and_goes_with_its_client()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = await Cli.CreatePoolAsync("branding-defaults", ct);
        var client = (await Cli.CreateClientAsync(pool, "web", ct)).Str("ClientId");

        (await CreateAsync(pool, "nosuchclient1", ct, "--use-cognito-provided-values"))
            .AssertError("ResourceNotFoundException", "CreateManagedLoginBranding", "User pool client nosuchclient1 does not exist.");
        (await Cli.CognitoIdpAsync(ct, "describe-managed-login-branding-by-client", "--user-pool-id", pool, "--client-id", "nosuchclient1"))
            .AssertError("ResourceNotFoundException", "DescribeManagedLoginBrandingByClient", "User pool client nosuchclient1 does not exist.");
        (await CreateAsync(pool, client, ct, "--settings", "\"dark\""))
            .AssertError("InvalidParameterException", "CreateManagedLoginBranding", "Invalid settings provided. Settings must be a JSON object.");
        (await CreateAsync(pool, client, ct, "--use-cognito-provided-values", "--assets",
            """[{"Category":"FORM_LOGO","ColorMode":"DARK","Extension":"PNG","Bytes":"a"},{"Category":"FORM_LOGO","ColorMode":"DARK","Extension":"SVG","Bytes":"b"}]"""))
            .AssertError("InvalidParameterException", "CreateManagedLoginBranding",
                "Duplicate asset: more than one asset has the category FORM_LOGO and the color mode DARK.");

        var style = (await CreateAsync(pool, client, ct, "--use-cognito-provided-values", "--assets", LightLogo)).Ok().Prop("ManagedLoginBranding");
        style.AssertTrue("UseCognitoProvidedValues");
        style.AssertMissing("Settings");
        Assert.Single(style.Items("Assets"));
        var id = style.Str("ManagedLoginBrandingId");

        (await Cli.CognitoIdpAsync(ct, "update-managed-login-branding", "--managed-login-branding-id", id, "--settings", Settings))
            .AssertError("InvalidParameterException", "UpdateManagedLoginBranding",
                "1 validation error detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null");
        var customised = (await UpdateAsync(pool, id, ct, "--settings", Settings)).Ok().Prop("ManagedLoginBranding");
        customised.AssertFalse("UseCognitoProvidedValues");
        AssertJson(Settings, customised.Prop("Settings"));
        Assert.Single(customised.Items("Assets"));

        (await Cli.CognitoIdpAsync(ct, "delete-user-pool-client", "--user-pool-id", pool, "--client-id", client)).OkEmpty();
        (await Cli.CognitoIdpAsync(ct, "describe-managed-login-branding", "--user-pool-id", pool, "--managed-login-branding-id", id))
            .AssertError("ResourceNotFoundException", "DescribeManagedLoginBranding", $"Managed login branding {id} does not exist.");
    }

    private Task<AwsCliResult> CreateAsync(string pool, string client, CancellationToken ct, params string[] options) =>
        Cli.CognitoIdpAsync(ct, ["create-managed-login-branding", "--user-pool-id", pool, "--client-id", client, .. options]);

    private Task<AwsCliResult> UpdateAsync(string pool, string id, CancellationToken ct, params string[] options) =>
        Cli.CognitoIdpAsync(ct, ["update-managed-login-branding", "--user-pool-id", pool, "--managed-login-branding-id", id, .. options]);

    /// <summary>The same JSON value, whatever the member order or spacing.</summary>
    private static void AssertJson(string expected, JsonElement actual)
    {
        using var doc = JsonDocument.Parse(expected);
        Assert.True(JsonElement.DeepEquals(doc.RootElement, actual), $"expected {expected}, got {actual.GetRawText()}");
    }

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex UuidV4();
}
