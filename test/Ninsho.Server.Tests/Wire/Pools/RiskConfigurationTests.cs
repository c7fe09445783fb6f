using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>Risk configuration (threat protection settings) through the real AWS CLI: the pool's and a client's,
/// the client's fallback to the pool's, resets, CIDR checks, and the cascade when a client or pool is deleted.
/// Ninsho stores these settings only: it assesses no risk.</summary>
[Collection(DirectoryServer.Name)]
public sealed class RiskConfigurationTests(NinshoServerFixture fixture)
{
    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Sets_and_describes_pool_and_client_configurations_on_a_pool_without_add_ons()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = await Cli.CreatePoolAsync("risky", ct);
        var client = (await Cli.CreateClientAsync(pool, "web", ct)).Str("ClientId");
        var nothing = (await Cli.CognitoIdpAsync(ct, "describe-risk-configuration", "--user-pool-id", pool)).Ok().Prop("RiskConfiguration");
        Assert.Equal(["UserPoolId"], nothing.Names());

        var poolLevel = (await Cli.CognitoIdpAsync(ct, "set-risk-configuration", "--user-pool-id", pool,
            "--compromised-credentials-risk-configuration", """{"Actions":{"EventAction":"BLOCK"}}""",
            "--risk-exception-configuration", """{"BlockedIPRangeList":["192.0.2.0/24"],"SkippedIPRangeList":["2001:db8::/32","203.0.113.7/32"]}"""))
            .Ok().Prop("RiskConfiguration");
        Assert.Equal(pool, poolLevel.Str("UserPoolId"));
        poolLevel.AssertMissing("ClientId");
        poolLevel.AssertEpochSeconds("LastModifiedDate");
        var compromised = poolLevel.Prop("CompromisedCredentialsRiskConfiguration");
        Assert.Equal("BLOCK", compromised.Prop("Actions").Str("EventAction"));
        Assert.Equal(["SIGN_IN", "SIGN_UP", "PASSWORD_CHANGE"], compromised.Items("EventFilter").Select(e => e.GetString()));
        Assert.Equal(["2001:db8::/32", "203.0.113.7/32"],
            poolLevel.Prop("RiskExceptionConfiguration").Items("SkippedIPRangeList").Select(e => e.GetString()));
        poolLevel.AssertMissing("AccountTakeoverRiskConfiguration");

        // A client without its own configuration is described with the pool's, which applies to it.
        Assert.Equal(poolLevel.GetRawText(), (await DescribeAsync(pool, client, ct)).GetRawText());

        const string takeover = """
            {"Actions":{"HighAction":{"EventAction":"BLOCK","Notify":true},"LowAction":{"EventAction":"NO_ACTION","Notify":false}},
             "NotifyConfiguration":{"From":"security@example.com","SourceArn":"arn:aws:ses:ap-northeast-1:123456789012:identity/example.com",
             "BlockEmail":{"Subject":"Blocked sign-in","TextBody":"We blocked a sign-in at {login-time}."}}}
            """;
        var own = (await Cli.CognitoIdpAsync(ct, "set-risk-configuration", "--user-pool-id", pool, "--client-id", client,
            "--account-takeover-risk-configuration", takeover)).Ok().Prop("RiskConfiguration");
        Assert.Equal(client, own.Str("ClientId"));
        own.AssertMissing("CompromisedCredentialsRiskConfiguration");
        var actions = own.Prop("AccountTakeoverRiskConfiguration").Prop("Actions");
        Assert.Equal("BLOCK", actions.Prop("HighAction").Str("EventAction"));
        actions.Prop("HighAction").AssertTrue("Notify");
        actions.Prop("LowAction").AssertFalse("Notify");
        actions.AssertMissing("MediumAction");
        Assert.Equal("Blocked sign-in", own.Prop("AccountTakeoverRiskConfiguration").Prop("NotifyConfiguration").Prop("BlockEmail").Str("Subject"));
        Assert.Equal(own.GetRawText(), (await DescribeAsync(pool, client, ct)).GetRawText());
        Assert.Equal(poolLevel.GetRawText(), (await DescribeAsync(pool, null, ct)).GetRawText());

        // Ids only: the client's goes back to inheriting the pool's, then the pool's back to nothing set.
        (await Cli.CognitoIdpAsync(ct, "set-risk-configuration", "--user-pool-id", pool, "--client-id", client)).Ok();
        Assert.Equal(poolLevel.GetRawText(), (await DescribeAsync(pool, client, ct)).GetRawText());
        var reset = (await Cli.CognitoIdpAsync(ct, "set-risk-configuration", "--user-pool-id", pool)).Ok().Prop("RiskConfiguration");
        Assert.Equal(["UserPoolId"], reset.Names());
        Assert.Equal(["UserPoolId"], (await DescribeAsync(pool, null, ct)).Names());
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Refuses_ip_ranges_that_are_not_cidr_unknown_clients_and_bad_enums()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = await Cli.CreatePoolAsync("risky-rules", ct);
        foreach (var range in new[] { "192.0.2.1", "192.0.2.0/33", "10.1/8", "not-an-ip/8", "2001:db8::/129" })
        {
            (await Cli.CognitoIdpAsync(ct, "set-risk-configuration", "--user-pool-id", pool,
                "--risk-exception-configuration", JsonSerializer.Serialize(new { BlockedIPRangeList = new[] { range } })))
                .AssertError("InvalidParameterException", "SetRiskConfiguration",
                    $"The IP range {range} is not valid: it must be an IPv4 or IPv6 range in CIDR notation.");
        }

        (await Cli.CognitoIdpAsync(ct, "set-risk-configuration", "--user-pool-id", pool, "--client-id", "nosuchclient1",
            "--risk-exception-configuration", """{"BlockedIPRangeList":["192.0.2.0/24"]}"""))
            .AssertError("ResourceNotFoundException", "SetRiskConfiguration", "User pool client nosuchclient1 does not exist.");
        (await Cli.CognitoIdpAsync(ct, "describe-risk-configuration", "--user-pool-id", pool, "--client-id", "nosuchclient1"))
            .AssertError("ResourceNotFoundException", "DescribeRiskConfiguration", "User pool client nosuchclient1 does not exist.");
        (await Cli.CognitoIdpAsync(ct, "set-risk-configuration", "--user-pool-id", pool,
            "--compromised-credentials-risk-configuration", """{"Actions":{"EventAction":"EXPLODE"}}"""))
            .AssertErrorStartsWith("InvalidParameterException", "SetRiskConfiguration", "1 validation error detected: Value 'EXPLODE'");
        Assert.Equal(["UserPoolId"], (await DescribeAsync(pool, null, ct)).Names());
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Deleting_a_client_or_a_pool_drops_its_own_settings()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = await Cli.CreatePoolAsync("risky-cascade", ct);
        var client = (await Cli.CreateClientAsync(pool, "web", ct)).Str("ClientId");
        (await Cli.CognitoIdpAsync(ct, "create-user-pool-domain", "--user-pool-id", pool, "--domain", "rc-" + pool.Split('_')[1].ToLowerInvariant())).Ok();
        string[] exceptions = ["--risk-exception-configuration", """{"BlockedIPRangeList":["192.0.2.0/24"]}"""];
        (await Cli.CognitoIdpAsync(ct, ["set-risk-configuration", "--user-pool-id", pool, .. exceptions])).Ok();
        (await Cli.CognitoIdpAsync(ct, ["set-risk-configuration", "--user-pool-id", pool, "--client-id", client, .. exceptions])).Ok();
        (await Cli.CognitoIdpAsync(ct, "set-ui-customization", "--user-pool-id", pool, "--css", ".label-customizable { font-weight: 400; }")).Ok();
        (await Cli.CognitoIdpAsync(ct, "set-ui-customization", "--user-pool-id", pool, "--client-id", client,
            "--css", ".label-customizable { font-weight: 700; }")).Ok();
        (await Cli.CognitoIdpAsync(ct, "set-log-delivery-configuration", "--user-pool-id", pool, "--log-configurations",
            """[{"LogLevel":"ERROR","EventSource":"userNotification","CloudWatchLogsConfiguration":{"LogGroupArn":"arn:aws:logs:ap-northeast-1:123456789012:log-group:cognito"}}]""")).Ok();
        _ = (await Cli.CognitoIdpAsync(ct, "get-signing-certificate", "--user-pool-id", pool)).Ok();
        Assert.Equal(
            Sorted(("log-delivery-configuration", "pool"), ("risk-configuration", "ALL"), ("risk-configuration", client), ("signing-certificate", "saml"),
                ("ui-customization", "ALL"), ("ui-customization", client)),
            Sorted([.. await StoredSettingsAsync(pool, ct)]));

        (await Cli.CognitoIdpAsync(ct, "delete-user-pool-client", "--user-pool-id", pool, "--client-id", client)).OkEmpty();
        Assert.Equal(
            Sorted(("log-delivery-configuration", "pool"), ("risk-configuration", "ALL"), ("signing-certificate", "saml"), ("ui-customization", "ALL")),
            Sorted([.. await StoredSettingsAsync(pool, ct)]));

        (await Cli.CognitoIdpAsync(ct, "delete-user-pool-domain", "--user-pool-id", pool, "--domain", "rc-" + pool.Split('_')[1].ToLowerInvariant())).OkEmpty();
        (await Cli.CognitoIdpAsync(ct, "delete-user-pool", "--user-pool-id", pool)).OkEmpty();
        Assert.Empty(await StoredSettingsAsync(pool, ct));
    }

    private async Task<JsonElement> DescribeAsync(string pool, string? client, CancellationToken ct) =>
        (await Cli.CognitoIdpAsync(ct, client is null
            ? ["describe-risk-configuration", "--user-pool-id", pool]
            : ["describe-risk-configuration", "--user-pool-id", pool, "--client-id", client])).Ok().Prop("RiskConfiguration");

    /// <summary>The pool's stored settings (kind, name), as <c>ninsho export</c> of the shared server's data shows them.</summary>
    private async Task<IReadOnlyList<(string Kind, string Name)>> StoredSettingsAsync(string pool, CancellationToken ct)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("ninsho-export-").FullName, "backup.jsonl");
        var export = await ChildProcess.RunAsync(
            RepoPaths.ServerProgram,
            RepoPaths.ServerArguments(["export", "--data-dir", fixture.Server.DataDir, "--out", file]),
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["NINSHO_DATA_DIR"] = null, ["NINSHO_POSTGRES"] = null },
            TimeSpan.FromSeconds(120), null, ct);
        Assert.True(export.ExitCode == 0, export.Stderr);
        return [.. (await File.ReadAllLinesAsync(file, ct))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(line => line.GetProperty("Type").GetString() == "pool-resource")
            .Select(line => line.GetProperty("PoolResource"))
            .Where(resource => resource.GetProperty("UserPoolId").GetString() == pool)
            .Select(resource => (resource.GetProperty("Kind").GetString()!, resource.GetProperty("Name").GetString()!))
            .Where(resource => resource.Item1 != "identity-provider")];
    }

    private static IReadOnlyList<(string Kind, string Name)> Sorted(params (string Kind, string Name)[] settings) =>
        [.. settings.OrderBy(s => s.Kind, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)];
}
