using System.Globalization;
using System.Net;

namespace Ninsho.Server.Tests;

[CollectionDefinition(Name)]
public sealed class ListUsersServer : ICollectionFixture<NinshoServerFixture>
{
    public const string Name = "list-users through the CLI (one shared server)";
}

/// <summary>
/// list-users through the real AWS CLI: paging by hand with --limit, the CLI's own paging without it, Filter with
/// <c>=</c> and <c>^=</c> on the searchable attributes, parse errors and --attributes-to-get (docs/cognito-behaviour.md#listusers-filter).
/// </summary>
[Collection(ListUsersServer.Name)]
public sealed class ListUsersTests(NinshoServerFixture fixture)
{
    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_page_with_PaginationToken_when_limit_is_given()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("paged-users", ct);
        string[] usernames = ["u1", "u2", "u3", "u4", "u5"];
        foreach (var username in usernames)
        {
            _ = await Cli.CreateUserAsync(poolId, username, ct);
        }

        // With --limit the CLI sends one request and prints PaginationToken; follow it by hand.
        var seen = new List<string>();
        var pageSizes = new List<int>();
        string? token = null;
        for (var page = 0; ; page++)
        {
            Assert.True(page < 10, "list-users did not stop returning PaginationToken");
            string[] args = token is null
                ? ["list-users", "--user-pool-id", poolId, "--limit", "2"]
                : ["list-users", "--user-pool-id", poolId, "--limit", "2", "--pagination-token", token];
            var output = (await Cli.CognitoIdpAsync(ct, args)).Ok();
            var users = output.Items("Users");
            pageSizes.Add(users.Count);
            seen.AddRange(users.Select(u => u.Str("Username")));
            if (!output.Has("PaginationToken"))
            {
                break;
            }

            token = output.Str("PaginationToken");
        }

        Assert.Equal([2, 2, 1], pageSizes);
        Assert.Equal(usernames, seen.Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_return_every_user_when_the_cli_pages_without_limit()
    {
        var ct = TestContext.Current.CancellationToken;
        const int userCount = 65;
        var poolId = await Cli.CreatePoolAsync("many-users", ct);

        // Set-up only: 65 admin-create-user calls through the CLI would take a minute, so they go as raw signed
        // requests. The behaviour under test, list-users and the CLI's paging, goes through the CLI.
        var expected = new List<string>();
        for (var i = 0; i < userCount; i++)
        {
            var username = string.Create(CultureInfo.InvariantCulture, $"user{i:000}");
            var created = await fixture.Raw.IdpAsync(
                "AdminCreateUser", $$"""{"UserPoolId":"{{poolId}}","Username":"{{username}}","MessageAction":"SUPPRESS"}""", ct);
            Assert.True(created.Status == HttpStatusCode.OK, created.Describe());
            expected.Add(username);
        }

        // One page of the server holds 60 users (the reported default, docs/cognito-behaviour.md#page-sizes-and-pagination-tokens) and says there is more.
        var firstPage = await fixture.Raw.IdpAsync("ListUsers", $$"""{"UserPoolId":"{{poolId}}"}""", ct);
        Assert.True(firstPage.Status == HttpStatusCode.OK, firstPage.Describe());
        Assert.Equal(60, firstPage.Json!.RootElement.Items("Users").Count);
        _ = firstPage.Json.RootElement.Str("PaginationToken");

        // The CLI follows PaginationToken until it is absent and prints every user once.
        var listed = await Cli.ListUsernamesAsync(poolId, ct);
        Assert.Equal(expected, listed.Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_filter_with_equals_and_prefix_when_filter_names_a_searchable_attribute()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("filtered-users", ct);
        var alice = await Cli.CreateConfirmedUserAsync(poolId, "alice", ct, "Name=email,Value=alice@example.com");
        _ = await Cli.CreateUserAsync(poolId, "alan", ct, "Name=email,Value=alan@example.org");
        _ = await Cli.CreateUserAsync(poolId, "bob", ct, "Name=email,Value=bob@example.com");
        (await Cli.CognitoIdpAsync(ct, "admin-disable-user", "--user-pool-id", poolId, "--username", "bob")).OkEmpty();
        var aliceSub = alice.Attributes("Attributes")[0].Value;

        (string Filter, string[] Expected)[] cases =
        [
            ("username = \"alice\"", ["alice"]),
            ("username ^= \"al\"", ["alan", "alice"]),
            ("username=\"bob\"", ["bob"]),
            ("username = \"nobody\"", []),
            ("email = \"bob@example.com\"", ["bob"]),
            ("email ^= \"al\"", ["alan", "alice"]),
            ($"sub = \"{aliceSub}\"", ["alice"]),
            ($"sub ^= \"{aliceSub[..13]}\"", ["alice"]),
            ("status = \"Enabled\"", ["alan", "alice"]),
            ("status = \"Disabled\"", ["bob"]),
            ("cognito:user_status = \"CONFIRMED\"", ["alice"]),
            ("cognito:user_status = \"FORCE_CHANGE_PASSWORD\"", ["alan", "bob"]),
            // cognito:user_status compares without case (docs/cognito-behaviour.md#listusers-filter).
            ("cognito:user_status = \"confirmed\"", ["alice"]),
        ];
        foreach (var (filter, expected) in cases)
        {
            var listed = await Cli.ListUsernamesAsync(poolId, ct, "--filter", filter);
            Assert.True(
                expected.SequenceEqual(listed.Order(StringComparer.Ordinal)),
                $"--filter '{filter}': expected [{string.Join(", ", expected)}], got [{string.Join(", ", listed)}]");
        }
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_a_malformed_filter_with_a_parse_error()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("bad-filters", ct);
        _ = await Cli.CreateUserAsync(poolId, "someone", ct);

        foreach (var filter in new[] { "username = someone", "username \"someone\"", "username == \"someone\"", "username = \"someone", "= \"someone\"" })
        {
            (await Cli.CognitoIdpAsync(ct, "list-users", "--user-pool-id", poolId, "--filter", filter))
                .AssertError("InvalidParameterException", "ListUsers", "Error while parsing filter.");
        }
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_return_only_the_named_attributes_when_attributes_to_get_is_given()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("projected-users", ct);
        _ = await Cli.CreateUserAsync(poolId, "kate", ct,
            "Name=email,Value=kate@example.com", "Name=given_name,Value=Kate", "Name=family_name,Value=K");
        _ = await Cli.CreateUserAsync(poolId, "liam", ct, "Name=email,Value=liam@example.com");

        var users = (await Cli.CognitoIdpAsync(ct,
            "list-users", "--user-pool-id", poolId, "--attributes-to-get", "email", "given_name")).Ok().Items("Users");

        Assert.Equal(["kate", "liam"], users.Select(u => u.Str("Username")).Order(StringComparer.Ordinal));
        var kate = users.Single(u => u.Str("Username") == "kate");
        Assert.Equal(
            ["email=kate@example.com", "given_name=Kate"],
            kate.Attributes("Attributes").Select(a => $"{a.Key}={a.Value}").Order(StringComparer.Ordinal));
        var liam = users.Single(u => u.Str("Username") == "liam");
        Assert.Equal(["email=liam@example.com"], liam.Attributes("Attributes").Select(a => $"{a.Key}={a.Value}"));

        // The rest of each user is still there.
        Assert.All(users, u =>
        {
            u.AssertTrue("Enabled");
            Assert.Equal("FORCE_CHANGE_PASSWORD", u.Str("UserStatus"));
            u.AssertEpochSeconds("UserCreateDate");
        });
    }
}
