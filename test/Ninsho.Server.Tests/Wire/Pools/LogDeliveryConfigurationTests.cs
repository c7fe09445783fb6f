namespace Ninsho.Server.Tests;

/// <summary>Log export settings through the real AWS CLI: stored and returned (delivery itself: LogDeliveryTests), with the
/// model's and the API reference's rules on levels, sources, destinations and the feature plan.</summary>
[Collection(DirectoryServer.Name)]
public sealed class LogDeliveryConfigurationTests(NinshoServerFixture fixture)
{
    private const string Notifications =
        """{"LogLevel":"ERROR","EventSource":"userNotification","CloudWatchLogsConfiguration":{"LogGroupArn":"arn:aws:logs:ap-northeast-1:123456789012:log-group:cognito-errors"}}""";
    private const string AuthEventsToS3 =
        """{"LogLevel":"INFO","EventSource":"userAuthEvents","S3Configuration":{"BucketArn":"arn:aws:s3:::auth-events-bucket"}}""";

    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Sets_and_gets_the_pools_log_configurations()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = await Cli.CreatePoolAsync("logged", ct, "--user-pool-tier", "PLUS");
        var none = (await Cli.CognitoIdpAsync(ct, "get-log-delivery-configuration", "--user-pool-id", pool)).Ok().Prop("LogDeliveryConfiguration");
        Assert.Equal(pool, none.Str("UserPoolId"));
        Assert.Empty(none.Items("LogConfigurations"));

        var set = (await Cli.CognitoIdpAsync(ct, "set-log-delivery-configuration", "--user-pool-id", pool,
            "--log-configurations", $"[{Notifications},{AuthEventsToS3}]")).Ok().Prop("LogDeliveryConfiguration");
        Assert.Equal(pool, set.Str("UserPoolId"));
        var configurations = set.Items("LogConfigurations");
        Assert.Equal(["userNotification", "userAuthEvents"], configurations.Select(c => c.Str("EventSource")));
        Assert.Equal("arn:aws:logs:ap-northeast-1:123456789012:log-group:cognito-errors",
            configurations[0].Prop("CloudWatchLogsConfiguration").Str("LogGroupArn"));
        Assert.Equal("arn:aws:s3:::auth-events-bucket", configurations[1].Prop("S3Configuration").Str("BucketArn"));
        configurations[1].AssertMissing("CloudWatchLogsConfiguration");
        var got = (await Cli.CognitoIdpAsync(ct, "get-log-delivery-configuration", "--user-pool-id", pool)).Ok().Prop("LogDeliveryConfiguration");
        Assert.Equal(set.GetRawText(), got.GetRawText());

        // The CLI's shorthand, as in its example; an empty list turns export off.
        (await Cli.CognitoIdpAsync(ct, "set-log-delivery-configuration", "--user-pool-id", pool, "--log-configurations",
            "LogLevel=INFO,EventSource=userAuthEvents,FirehoseConfiguration={StreamArn=arn:aws:firehose:ap-northeast-1:123456789012:deliverystream/auth}")).Ok();
        var firehose = Assert.Single((await Cli.CognitoIdpAsync(ct, "get-log-delivery-configuration", "--user-pool-id", pool)).Ok()
            .Prop("LogDeliveryConfiguration").Items("LogConfigurations"));
        Assert.Equal("arn:aws:firehose:ap-northeast-1:123456789012:deliverystream/auth", firehose.Prop("FirehoseConfiguration").Str("StreamArn"));
        (await Cli.CognitoIdpAsync(ct, "set-log-delivery-configuration", "--user-pool-id", pool, "--log-configurations", "[]")).Ok();
        Assert.Empty((await Cli.CognitoIdpAsync(ct, "get-log-delivery-configuration", "--user-pool-id", pool)).Ok()
            .Prop("LogDeliveryConfiguration").Items("LogConfigurations"));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Refuses_configurations_the_service_would_not_deliver()
    {
        var ct = TestContext.Current.CancellationToken;
        var essentials = await Cli.CreatePoolAsync("logged-essentials", ct);
        (await Cli.CognitoIdpAsync(ct, "set-log-delivery-configuration", "--user-pool-id", essentials, "--log-configurations", $"[{AuthEventsToS3}]"))
            .AssertError("FeatureUnavailableInTierException", "SetLogDeliveryConfiguration",
                "Exporting userAuthEvents logs requires the PLUS feature plan (UserPoolTier).");
        (await Cli.CognitoIdpAsync(ct, "set-log-delivery-configuration", "--user-pool-id", essentials, "--log-configurations", $"[{Notifications}]")).Ok();

        async Task RefusedAsync(string configurations, string message) =>
            (await Cli.CognitoIdpAsync(ct, "set-log-delivery-configuration", "--user-pool-id", essentials, "--log-configurations", configurations))
                .AssertError("InvalidParameterException", "SetLogDeliveryConfiguration", message);

        await RefusedAsync($"[{Notifications},{Notifications}]", "The log configurations name userNotification more than once.");
        await RefusedAsync("""[{"LogLevel":"INFO","EventSource":"userNotification","CloudWatchLogsConfiguration":{"LogGroupArn":"arn:aws:logs:ap-northeast-1:123456789012:log-group:x"}}]""",
            "The log configuration for userNotification is not supported: its logs are ERROR level and go to CloudWatch Logs.");
        await RefusedAsync("""[{"LogLevel":"ERROR","EventSource":"userNotification"}]""",
            "The log configuration for userNotification must have exactly one destination with its ARN.");
        await RefusedAsync("""[{"LogLevel":"ERROR","EventSource":"userNotification","CloudWatchLogsConfiguration":{"LogGroupArn":"arn:aws:logs:ap-northeast-1:123456789012:log-group:x"},"S3Configuration":{"BucketArn":"arn:aws:s3:::b"}}]""",
            "The log configuration for userNotification must have exactly one destination with its ARN.");
        await RefusedAsync("""[{"LogLevel":"ERROR","EventSource":"userNotification","CloudWatchLogsConfiguration":{"LogGroupArn":"arn:aws:sns:ap-northeast-1:123456789012:topic"}}]""",
            "arn:aws:sns:ap-northeast-1:123456789012:topic is not the ARN of a CloudWatch Logs log group.");
        (await Cli.CognitoIdpAsync(ct, "set-log-delivery-configuration", "--user-pool-id", essentials, "--log-configurations",
            """[{"LogLevel":"DEBUG","EventSource":"userNotification","CloudWatchLogsConfiguration":{"LogGroupArn":"arn:aws:logs:ap-northeast-1:123456789012:log-group:x"}}]"""))
            .AssertErrorStartsWith("InvalidParameterException", "SetLogDeliveryConfiguration", "1 validation error detected: Value 'DEBUG'");
        (await Cli.CognitoIdpAsync(ct, "set-log-delivery-configuration", "--user-pool-id", essentials, "--log-configurations",
            """[{"LogLevel":"ERROR","EventSource":"userNotification","CloudWatchLogsConfiguration":{"LogGroupArn":"not-an-arn-but-long-enough"}}]"""))
            .AssertErrorStartsWith("InvalidParameterException", "SetLogDeliveryConfiguration", "1 validation error detected: Value 'not-an-arn-but-long-enough'");

        // Nothing refused was stored.
        var kept = Assert.Single((await Cli.CognitoIdpAsync(ct, "get-log-delivery-configuration", "--user-pool-id", essentials)).Ok()
            .Prop("LogDeliveryConfiguration").Items("LogConfigurations"));
        Assert.Equal("arn:aws:logs:ap-northeast-1:123456789012:log-group:cognito-errors", kept.Prop("CloudWatchLogsConfiguration").Str("LogGroupArn"));
        (await Cli.CognitoIdpAsync(ct, "get-log-delivery-configuration", "--user-pool-id", essentials + "x"))
            .AssertError("ResourceNotFoundException", "GetLogDeliveryConfiguration", $"User pool {essentials}x does not exist.");
    }
}
