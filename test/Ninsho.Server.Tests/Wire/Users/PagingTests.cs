using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>
/// Every paginated operation Ninsho serves pages as botocore's <c>paginators-1.json</c> says (input and output token,
/// limit key, result key): the CLI, auto-paginating with small pages, must get every item exactly once and end
/// because the last page has no token. Items are made over raw HTTP (fast); only the listing goes through the CLI.
/// </summary>
[Collection(DirectoryServer.Name)]
public sealed class PagingTests(NinshoServerFixture fixture)
{
    private const int Items = 7;
    private const string PageSize = "2";

    private AwsCli Cli => fixture.Cli;

    private RawCognito Raw => fixture.Raw;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task ListUsers_pages_by_PaginationToken_with_and_without_a_filter()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await CreatePoolAsync(ct);
        var expected = new List<string>();
        for (var i = 0; i < Items; i++)
        {
            var name = $"user{i}";
            expected.Add(name);
            await OkAsync("AdminCreateUser", new
            {
                UserPoolId = poolId,
                Username = name,
                MessageAction = "SUPPRESS",
                UserAttributes = new[] { new { Name = "name", Value = i % 2 == 0 ? "Even" : "Odd" } }
            }, ct);
        }

        var all = (await Cli.CognitoIdpAsync(ct, "list-users", "--user-pool-id", poolId, "--page-size", PageSize)).Ok();
        AssertAllOnce(expected, all, "Users", "Username", "PaginationToken");

        var even = (await Cli.CognitoIdpAsync(ct, "list-users", "--user-pool-id", poolId, "--page-size", PageSize, "--filter", "name = \"Even\"")).Ok();
        AssertAllOnce(expected.Where((_, i) => i % 2 == 0), even, "Users", "Username", "PaginationToken");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task ListUserPools_pages_by_NextToken()
    {
        var ct = TestContext.Current.CancellationToken;
        var created = new List<string>();
        for (var i = 0; i < Items; i++)
        {
            created.Add(await CreatePoolAsync(ct));
        }

        // The CLI needs --max-results here, and then sends one request: follow NextToken by hand, as the paginator
        // would. Other tests create pools on the same server meanwhile: ours must all be there, and nothing twice.
        var ids = new List<string>();
        string? token = null;
        for (var pages = 0; pages < 1_000; pages++)
        {
            string[] args = token is null ? ["list-user-pools", "--max-results", "5"] : ["list-user-pools", "--max-results", "5", "--next-token", token];
            var page = (await Cli.CognitoIdpAsync(ct, args)).Ok();
            ids.AddRange(page.Items("UserPools").Select(p => p.Str("Id")));
            if (!page.Has("NextToken"))
            {
                break;
            }

            token = page.Str("NextToken");
        }

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(created, id => Assert.Contains(id, ids));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task ListUserPoolClients_pages_by_NextToken()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await CreatePoolAsync(ct);
        var expected = new List<string>();
        for (var i = 0; i < Items; i++)
        {
            var client = await OkAsync("CreateUserPoolClient", new { UserPoolId = poolId, ClientName = $"app{i}" }, ct);
            expected.Add(client.Prop("UserPoolClient").Str("ClientId"));
        }

        var listed = (await Cli.CognitoIdpAsync(ct, "list-user-pool-clients", "--user-pool-id", poolId, "--page-size", PageSize)).Ok();
        AssertAllOnce(expected, listed, "UserPoolClients", "ClientId", "NextToken");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Group_listings_page_by_NextToken()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await CreatePoolAsync(ct);
        var groups = new List<string>();
        var users = new List<string>();
        await OkAsync("AdminCreateUser", new { UserPoolId = poolId, Username = "member", MessageAction = "SUPPRESS" }, ct);
        await OkAsync("CreateGroup", new { UserPoolId = poolId, GroupName = "everyone" }, ct);
        for (var i = 0; i < Items; i++)
        {
            groups.Add($"group{i}");
            users.Add($"user{i}");
            await OkAsync("CreateGroup", new { UserPoolId = poolId, GroupName = groups[^1] }, ct);
            await OkAsync("AdminAddUserToGroup", new { UserPoolId = poolId, GroupName = groups[^1], Username = "member" }, ct);
            await OkAsync("AdminCreateUser", new { UserPoolId = poolId, Username = users[^1], MessageAction = "SUPPRESS" }, ct);
            await OkAsync("AdminAddUserToGroup", new { UserPoolId = poolId, GroupName = "everyone", Username = users[^1] }, ct);
        }

        var listed = (await Cli.CognitoIdpAsync(ct, "list-groups", "--user-pool-id", poolId, "--page-size", PageSize)).Ok();
        AssertAllOnce(["everyone", .. groups], listed, "Groups", "GroupName", "NextToken");

        var forUser = (await Cli.CognitoIdpAsync(ct, "admin-list-groups-for-user", "--user-pool-id", poolId, "--username", "member",
            "--page-size", PageSize)).Ok();
        AssertAllOnce(groups, forUser, "Groups", "GroupName", "NextToken");

        var inGroup = (await Cli.CognitoIdpAsync(ct, "list-users-in-group", "--user-pool-id", poolId, "--group-name", "everyone",
            "--page-size", PageSize)).Ok();
        AssertAllOnce(users, inGroup, "Users", "Username", "NextToken");
    }

    /// <summary>Exactly <paramref name="expected"/>, each once, and no output token (the CLI followed them all).</summary>
    private static void AssertAllOnce(IEnumerable<string> expected, JsonElement output, string resultKey, string idMember, string outputToken)
    {
        output.AssertMissing(outputToken);
        var ids = output.Items(resultKey).Select(item => item.Str(idMember)).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    private async Task<string> CreatePoolAsync(CancellationToken ct) =>
        (await OkAsync("CreateUserPool", new { PoolName = "paging" }, ct)).Prop("UserPool").Str("Id");

    private async Task<JsonElement> OkAsync(string operation, object body, CancellationToken ct)
    {
        var response = await Raw.IdpAsync(operation, JsonSerializer.Serialize(body), ct);
        Assert.True(response.StatusCode == 200, response.Describe());
        return response.Json!.RootElement.Clone();
    }
}
