using System.Text.Json.Nodes;
using Ninsho.Storage;

namespace Ninsho.Server.WebConsole;

/// <summary>Reads what the pages show, through the API's operations (<see cref="ConsoleCognito"/>). Each page reads
/// one page of each list, never a whole pool: the users page is one ListUsers call however many users there are.</summary>
internal sealed class ConsoleViews(ConsoleCognito cognito, INinshoStorage storage)
{
    public const int UsersPerPage = 50;

    public async Task<PoolsView> PoolsAsync(string? next, CancellationToken ct)
    {
        var pools = new JsonObject { ["MaxResults"] = 60 };
        if (!string.IsNullOrEmpty(next))
        {
            pools["NextToken"] = next;
        }

        return new PoolsView(
            await cognito.IdpAsync("ListUserPools", pools, ct),
            await cognito.IdentityAsync("ListIdentityPools", new JsonObject { ["MaxResults"] = 60 }, ct));
    }

    public async Task<PoolView> PoolAsync(string poolId, CancellationToken ct)
    {
        var pool = await cognito.IdpAsync("DescribeUserPool", Pool(poolId), ct);
        var clientList = await cognito.IdpAsync("ListUserPoolClients", With(Pool(poolId), "MaxResults", 60), ct);
        var clients = new List<ConsoleAnswer>();
        foreach (var client in clientList["UserPoolClients"]?.AsArray() ?? [])
        {
            var body = Pool(poolId);
            body["ClientId"] = client?["ClientId"]?.GetValue<string>();
            clients.Add(await cognito.IdpAsync("DescribeUserPoolClient", body, ct));
        }

        return new PoolView(
            poolId, pool, clients, clientList,
            await cognito.IdpAsync("ListGroups", With(Pool(poolId), "Limit", 60), ct),
            await cognito.IdpAsync("ListIdentityProviders", With(Pool(poolId), "MaxResults", 60), ct),
            await cognito.IdpAsync("ListResourceServers", With(Pool(poolId), "MaxResults", 50), ct));
    }

    public async Task<UsersView> UsersAsync(string poolId, string? filter, string? page, CancellationToken ct)
    {
        var body = With(Pool(poolId), "Limit", UsersPerPage);
        if (!string.IsNullOrWhiteSpace(filter))
        {
            body["Filter"] = filter;
        }

        if (!string.IsNullOrEmpty(page))
        {
            body["PaginationToken"] = page;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var users = await cognito.IdpAsync("ListUsers", body, ct);
        // Only ListUsers: DescribeUserPool would count the pool's users (EstimatedNumberOfUsers) on every page.
        return new UsersView(poolId, filter, users, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    public async Task<UserView> UserAsync(string poolId, string username, CancellationToken ct)
    {
        var user = await cognito.IdpAsync("AdminGetUser", Named(poolId, username), ct);
        var found = user["Username"]?.GetValue<string>() ?? username;
        var passkeys = new List<StoredWebAuthnCredential>();
        if (user.Ok)
        {
            // WebAuthn credentials have no admin operation (ListWebAuthnCredentials takes the user's access token):
            // read from storage under the user's lookup key, which is the username lower-cased unless the pool is
            // case-sensitive.
            var pool = await cognito.IdpAsync("DescribeUserPool", Pool(poolId), ct);
            var caseSensitive = pool["UserPool"]?["UsernameConfiguration"]?["CaseSensitive"]?.GetValue<bool>() == true;
            var page = await storage.WebAuthnCredentials.ListAsync(poolId, caseSensitive ? found : found.ToLowerInvariant(), 20, null, ct);
            passkeys.AddRange(page.Items);
        }

        return new UserView(
            poolId, found, user,
            await cognito.IdpAsync("AdminListGroupsForUser", With(Named(poolId, found), "Limit", 60), ct),
            await cognito.IdpAsync("ListGroups", With(Pool(poolId), "Limit", 60), ct),
            await cognito.IdpAsync("AdminListDevices", With(Named(poolId, found), "Limit", 60), ct),
            await cognito.IdpAsync("AdminListUserAuthEvents", With(Named(poolId, found), "MaxResults", 20), ct),
            passkeys);
    }

    internal static JsonObject Pool(string poolId) => new() { ["UserPoolId"] = poolId };

    internal static JsonObject Named(string poolId, string username) => new() { ["UserPoolId"] = poolId, ["Username"] = username };

    private static JsonObject With(JsonObject body, string member, int value)
    {
        body[member] = value;
        return body;
    }
}
