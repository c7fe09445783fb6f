using System.Net;

namespace Ninsho.Server.Tests;

/// <summary>Classic hosted UI branding through the real AWS CLI: the pool's default (ClientId ALL) and a client's
/// own, the fallback from client to pool, removal, the logo served at the ImageUrl returned, and what is refused.</summary>
[Collection(DirectoryServer.Name)]
public sealed class UICustomizationTests(NinshoServerFixture fixture)
{
    private const string Css = ".logo-customizable {\n\tmax-width: 60%;\n}\n.submitButton-customizable:hover, .label-customizable {\n\tcolor: #fff;\n}\n";

    /// <summary>A 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Sets_pool_and_client_branding_falls_back_to_the_pool_and_serves_the_logo()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = await Cli.CreatePoolAsync("branded", ct);
        var client = (await Cli.CreateClientAsync(pool, "web", ct)).Str("ClientId");
        (await Cli.CognitoIdpAsync(ct, "set-ui-customization", "--user-pool-id", pool, "--css", Css))
            .AssertError("InvalidParameterException", "SetUICustomization", "A domain must be associated with this user pool.");
        (await Cli.CognitoIdpAsync(ct, "create-user-pool-domain", "--user-pool-id", pool, "--domain", "ui-" + pool.Split('_')[1].ToLowerInvariant())).Ok();
        (await Cli.CognitoIdpAsync(ct, "get-ui-customization", "--user-pool-id", pool)).Ok().AssertEmptyObject("UICustomization");

        var logo = await WriteFileAsync("logo.png", Png, ct);
        var poolLevel = (await Cli.CognitoIdpAsync(ct, "set-ui-customization", "--user-pool-id", pool, "--client-id", "ALL",
            "--css", Css, "--image-file", "fileb://" + logo)).Ok().Prop("UICustomization");
        Assert.Equal(pool, poolLevel.Str("UserPoolId"));
        Assert.Equal("ALL", poolLevel.Str("ClientId"));
        Assert.Equal(Css, poolLevel.Str("CSS"));
        Assert.Matches("^[0-9]{14}$", poolLevel.Str("CSSVersion"));
        poolLevel.AssertEpochSeconds("CreationDate");
        poolLevel.AssertEpochSeconds("LastModifiedDate");
        var imageUrl = poolLevel.Str("ImageUrl");
        Assert.Equal($"{fixture.BaseUrl}/ui-customization/{pool}/ALL/{poolLevel.Str("CSSVersion")}/assets/images/image.png", imageUrl);
        using var http = new HttpClient();
        using (var image = await http.GetAsync(new Uri(imageUrl), ct))
        {
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
            Assert.Equal(Png, await image.Content.ReadAsByteArrayAsync(ct));
        }

        // A client without its own branding gets the pool's; the pool's is what a get without a client shows.
        var inherited = (await Cli.CognitoIdpAsync(ct, "get-ui-customization", "--user-pool-id", pool, "--client-id", client)).Ok().Prop("UICustomization");
        Assert.Equal(poolLevel.GetRawText(), inherited.GetRawText());

        var own = (await Cli.CognitoIdpAsync(ct, "set-ui-customization", "--user-pool-id", pool, "--client-id", client,
            "--css", ".banner-customizable { background-color: lightgray; }")).Ok().Prop("UICustomization");
        Assert.Equal(client, own.Str("ClientId"));
        own.AssertMissing("ImageUrl");
        Assert.Equal(own.GetRawText(),
            (await Cli.CognitoIdpAsync(ct, "get-ui-customization", "--user-pool-id", pool, "--client-id", client)).Ok().Prop("UICustomization").GetRawText());
        Assert.Equal(poolLevel.GetRawText(),
            (await Cli.CognitoIdpAsync(ct, "get-ui-customization", "--user-pool-id", pool)).Ok().Prop("UICustomization").GetRawText());

        // Setting neither CSS nor image removes the client's own branding: it falls back to the pool's again.
        var removed = (await Cli.CognitoIdpAsync(ct, "set-ui-customization", "--user-pool-id", pool, "--client-id", client)).Ok().Prop("UICustomization");
        removed.AssertMissing("CSS");
        Assert.Equal("ALL",
            (await Cli.CognitoIdpAsync(ct, "get-ui-customization", "--user-pool-id", pool, "--client-id", client)).Ok().Prop("UICustomization").Str("ClientId"));

        // A new pool-level setting has a new version; the old logo URL no longer answers, the new one does.
        var replaced = (await Cli.CognitoIdpAsync(ct, "set-ui-customization", "--user-pool-id", pool,
            "--image-file", "fileb://" + logo)).Ok().Prop("UICustomization");
        Assert.True(string.CompareOrdinal(replaced.Str("CSSVersion"), poolLevel.Str("CSSVersion")) > 0, replaced.GetRawText());
        replaced.AssertMissing("CSS");
        Assert.Equal(poolLevel.Prop("CreationDate").GetRawText(), replaced.Prop("CreationDate").GetRawText());
        using (var old = await http.GetAsync(new Uri(imageUrl), ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        }

        Assert.Equal(Png, await http.GetByteArrayAsync(new Uri(replaced.Str("ImageUrl")), ct));

        (await Cli.CognitoIdpAsync(ct, "get-ui-customization", "--user-pool-id", pool, "--client-id", "nosuchclient1"))
            .AssertError("ResourceNotFoundException", "GetUICustomization", "User pool client nosuchclient1 does not exist.");
        (await Cli.CognitoIdpAsync(ct, "set-ui-customization", "--user-pool-id", pool, "--client-id", "nosuchclient1", "--css", Css))
            .AssertError("ResourceNotFoundException", "SetUICustomization", "User pool client nosuchclient1 does not exist.");
        (await Cli.CognitoIdpAsync(ct, "get-ui-customization", "--user-pool-id", pool + "x"))
            .AssertError("ResourceNotFoundException", "GetUICustomization", $"User pool {pool}x does not exist.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Refuses_css_outside_the_template_and_logos_that_are_not_small_png_or_jpeg()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = await Cli.CreatePoolAsync("branding-rules", ct);
        (await Cli.CognitoIdpAsync(ct, "create-user-pool-domain", "--user-pool-id", pool, "--domain", "uir-" + pool.Split('_')[1].ToLowerInvariant())).Ok();

        (await Cli.CognitoIdpAsync(ct, "set-ui-customization", "--user-pool-id", pool, "--css", ".logo-customizable { width: 1px; } body { color: red; }"))
            .AssertError("InvalidParameterException", "SetUICustomization",
                "The CSS selector body is not supported: use only the classes of the hosted UI CSS template.");
        (await Cli.CognitoIdpAsync(ct, "set-ui-customization", "--user-pool-id", pool, "--css", "@import url(https://example.com/x.css);"))
            .AssertError("InvalidParameterException", "SetUICustomization", "The CSS must not contain @import.");
        (await Cli.CognitoIdpAsync(ct, "set-ui-customization", "--user-pool-id", pool,
            "--css", ".label-customizable { background: url(javascript:alert(1)); }"))
            .AssertError("InvalidParameterException", "SetUICustomization", "The CSS must not contain javascript.");

        var gif = await WriteFileAsync("logo.gif", "GIF89a\u0001\u0000\u0001\u0000"u8.ToArray(), ct);
        (await Cli.CognitoIdpAsync(ct, "set-ui-customization", "--user-pool-id", pool, "--image-file", "fileb://" + gif))
            .AssertError("InvalidParameterException", "SetUICustomization", "The image file must be a PNG or JPEG image.");
        var large = new byte[(100 * 1024) + 1];
        Png.CopyTo(large, 0);
        var tooLarge = await WriteFileAsync("large.png", large, ct);
        (await Cli.CognitoIdpAsync(ct, "set-ui-customization", "--user-pool-id", pool, "--image-file", "fileb://" + tooLarge))
            .AssertError("InvalidParameterException", "SetUICustomization", "The image file is larger than the maximum of 102400 bytes.");

        var jpeg = await WriteFileAsync("logo.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00], ct);
        var set = (await Cli.CognitoIdpAsync(ct, "set-ui-customization", "--user-pool-id", pool, "--image-file", "fileb://" + jpeg))
            .Ok().Prop("UICustomization");
        Assert.EndsWith("/assets/images/image.jpg", set.Str("ImageUrl"), StringComparison.Ordinal);
        using var http = new HttpClient();
        using var image = await http.GetAsync(new Uri(set.Str("ImageUrl")), ct);
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType?.MediaType);
        (await Cli.CognitoIdpAsync(ct, "get-ui-customization", "--user-pool-id", pool)).Ok().Prop("UICustomization").AssertMissing("CSS");
    }

    private static async Task<string> WriteFileAsync(string name, byte[] bytes, CancellationToken ct)
    {
        var directory = Directory.CreateTempSubdirectory("ninsho-ui-");
        var path = Path.Combine(directory.FullName, name);
        await File.WriteAllBytesAsync(path, bytes, ct);
        return path;
    }
}
