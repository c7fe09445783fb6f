using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Ninsho.Server.Tests;

/// <summary>
/// <c>./ninsho serve --seed FILE</c> (docs/test-control.md#the-seed-file): the committed example creates its pool,
/// client and user with the ids it names; a restart leaves them alone; a difference is reported, not applied, unless
/// the file says <c>Overwrite: true</c>; a bad file stops the server naming the line and field.
/// </summary>
public sealed class SeedFileTests
{
    private static string Example => Path.Combine(RepoPaths.Root, "examples", "seed.yaml");

    [Fact(Timeout = TestTimeoutMs)]
    public async Task The_example_seed_creates_its_ids_and_a_restart_leaves_them_alone()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await NinshoProcess.StartAsync(ct, "--region", AwsCli.Region, "--seed", Example);
        Assert.Contains("Seed " + Example + ": 4 created, 0 unchanged", server.RecentOutput, StringComparison.Ordinal);
        var cli = new AwsCli(server.BaseUrl);

        var pool = (await cli.CognitoIdpAsync(ct, "describe-user-pool", "--user-pool-id", "ap-northeast-1_Example01")).Ok().Prop("UserPool");
        Assert.Equal("example", pool.Str("Name"));
        Assert.Contains(pool.Prop("SchemaAttributes").EnumerateArray(), a => a.Str("Name") == "custom:tenant");
        var client = (await cli.CognitoIdpAsync(ct, "describe-user-pool-client", "--user-pool-id", "ap-northeast-1_Example01",
            "--client-id", "exampleclient0000000000001")).Ok().Prop("UserPoolClient");
        Assert.Equal("web", client.Str("ClientName"));

        var signIn = (await cli.CognitoIdpAsync(ct, "initiate-auth", "--auth-flow", "USER_PASSWORD_AUTH", "--client-id", "exampleclient0000000000001",
            "--auth-parameters", "USERNAME=alice@example.com,PASSWORD=Passw0rd!")).Ok();
        Assert.StartsWith("eyJ", signIn.Prop("AuthenticationResult").Str("AccessToken"), StringComparison.Ordinal);
        var groups = (await cli.CognitoIdpAsync(ct, "admin-list-groups-for-user", "--user-pool-id", "ap-northeast-1_Example01",
            "--username", "alice@example.com")).Ok();
        Assert.Equal("admins", Assert.Single(groups.Items("Groups")).Str("GroupName"));

        await server.RestartAsync(ct);
        Assert.Contains("Seed " + Example + ": 0 created, 4 unchanged, 0 overwritten, 0 differ", server.RecentOutput, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task A_difference_is_reported_and_kept_unless_the_file_says_overwrite()
    {
        var ct = TestContext.Current.CancellationToken;
        var file = Path.Combine(Directory.CreateTempSubdirectory("ninsho-seed-").FullName, "seed.json");
        await File.WriteAllTextAsync(file, Json("Acme", overwrite: false), ct);
        await using var server = await NinshoProcess.StartAsync(ct, "--region", AwsCli.Region, "--seed", file);
        var cli = new AwsCli(server.BaseUrl);

        await File.WriteAllTextAsync(file, Json("Other", overwrite: false), ct);
        await server.RestartAsync(ct);
        Assert.Contains("line 9 (UserPools[0] ap-northeast-1_JsonSeed1 Users[0] bob): attribute name is 'Acme', the file says 'Other'", server.RecentOutput, StringComparison.Ordinal);
        Assert.Equal("Acme", await NameAsync(cli, ct));

        await File.WriteAllTextAsync(file, Json("Other", overwrite: true), ct);
        await server.RestartAsync(ct);
        Assert.Contains("0 created, 2 unchanged, 1 overwritten", server.RecentOutput, StringComparison.Ordinal);
        Assert.Equal("Other", await NameAsync(cli, ct));
    }

    [Theory(Timeout = TestTimeoutMs)]
    [InlineData("UserPools:\n  - Id: us-west-2_Wrong0001\n    PoolName: p\n", "line 2", "must look like ap-northeast-1_")]
    [InlineData("UserPools:\n  - Id: ap-northeast-1_Typo00001\n    PoolName: p\n    Polices: {}\n", "line 4", "unknown field 'Polices'")]
    [InlineData("UserPools:\n  - Id: ap-northeast-1_Len000001\n    PoolName: p\n    Policies:\n      PasswordPolicy: { MinimumLength: 2 }\n", "line 4", "minimumLength")]
    [InlineData("UserPools:\n  - Id: ap-northeast-1_Bad000001\n    PoolName: [unclosed\n", "line 4", "did not find expected")]
    public async Task A_bad_seed_file_stops_the_server_naming_the_line_and_field(string yaml, string line, string field)
    {
        var ct = TestContext.Current.CancellationToken;
        var file = Path.Combine(Directory.CreateTempSubdirectory("ninsho-seed-").FullName, "seed.yaml");
        await File.WriteAllTextAsync(file, yaml, ct);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => NinshoProcess.StartAsync(ct, "--region", AwsCli.Region, "--seed", file));
        Assert.Contains("exited with code 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("The seed file was not applied; Ninsho stops: seed file " + file + ", " + line, error.Message, StringComparison.Ordinal);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Start-up time with a seed of 100 and of 10,000 users (fast hash): printed for the record, not asserted.</summary>
    [Theory(Timeout = TestTimeoutMs)]
    [InlineData(100)]
    public async Task Start_up_time_with_a_seed_of_users(int users)
    {
        var ct = TestContext.Current.CancellationToken;
        var file = Path.Combine(Directory.CreateTempSubdirectory("ninsho-seed-").FullName, "seed.yaml");
        await File.WriteAllTextAsync(file, ManyUsers(users), ct);
        var clock = Stopwatch.StartNew();
        await using var server = await NinshoProcess.StartAsync(ct, "--region", AwsCli.Region, "--insecure-fast-password-hash", "--seed", file);
        var first = clock.Elapsed;
        clock.Restart();
        await server.RestartAsync(ct);
        var again = clock.Elapsed;
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed of {users} users: first start {first.TotalSeconds:0.00} s, restart {again.TotalSeconds:0.00} s"));
        Assert.Contains($"{users + 2} unchanged", server.RecentOutput, StringComparison.Ordinal);
    }

    internal static string ManyUsers(int users)
    {
        var yaml = new StringBuilder("UserPools:\n  - Id: ap-northeast-1_Many00001\n    PoolName: many\n    Clients:\n      - { ClientId: manyclient, ClientName: many }\n    Users:\n");
        for (var i = 0; i < users; i++)
        {
            _ = yaml.Append(CultureInfo.InvariantCulture, $"      - {{ Username: user{i}, Password: Passw0rd!, Attributes: {{ email: user{i}@example.com }} }}\n");
        }

        return yaml.ToString();
    }

    private static async Task<string> NameAsync(AwsCli cli, CancellationToken ct) =>
        (await cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", "ap-northeast-1_JsonSeed1", "--username", "bob")).Ok()
            .Attributes("UserAttributes").Single(a => a.Key == "name").Value;

    private static string Json(string name, bool overwrite) => $$"""
        {
          "Overwrite": {{(overwrite ? "true" : "false")}},
          "UserPools": [
            {
              "Id": "ap-northeast-1_JsonSeed1",
              "PoolName": "json",
              "Clients": [ { "ClientId": "jsonclient", "ClientName": "json" } ],
              "Users": [
                { "Username": "bob", "Password": "Passw0rd!", "Attributes": { "name": "{{name}}" } }
              ]
            }
          ]
        }
        """;
}
