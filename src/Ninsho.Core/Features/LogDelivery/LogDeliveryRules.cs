using Ninsho.Core.Pools;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.LogDelivery;

/// <summary>What SetLogDeliveryConfiguration checks beyond the model, from the API reference: each configuration has
/// one destination with its ARN (of that service); <c>userNotification</c> logs are ERROR level and go to CloudWatch
/// Logs; <c>userAuthEvents</c> logs are INFO level and need the PLUS feature plan; an event source appears once.
/// The wording of the errors is guessed.</summary>
internal static class LogDeliveryRules
{
    public static void Check(UserPoolSettings pool, IReadOnlyList<LogConfigurationType> configurations)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var config in configurations)
        {
            if (!seen.Add(config.EventSource))
            {
                throw CognitoErrors.DuplicateLogConfiguration(config.EventSource);
            }

            CheckDestination(config);
            if (config.EventSource == EventSourceName.userNotification
                && (config.LogLevel != LogLevel.ERROR || config.CloudWatchLogsConfiguration is null))
            {
                throw CognitoErrors.LogConfigurationNotSupported(config.EventSource, "its logs are ERROR level and go to CloudWatch Logs.");
            }

            if (config.EventSource == EventSourceName.userAuthEvents)
            {
                if (config.LogLevel != LogLevel.INFO)
                {
                    throw CognitoErrors.LogConfigurationNotSupported(config.EventSource, "its logs are INFO level.");
                }

                if (pool.Config.UserPoolTier != UserPoolTierType.PLUS)
                {
                    throw CognitoErrors.UserAuthEventsNeedPlus();
                }
            }
        }
    }

    private static void CheckDestination(LogConfigurationType config)
    {
        var destinations = new List<(string? Arn, string Service, string What)>();
        if (config.CloudWatchLogsConfiguration is { } logs)
        {
            destinations.Add((logs.LogGroupArn, "logs", "a CloudWatch Logs log group"));
        }

        if (config.S3Configuration is { } s3)
        {
            destinations.Add((s3.BucketArn, "s3", "an S3 bucket"));
        }

        if (config.FirehoseConfiguration is { } firehose)
        {
            destinations.Add((firehose.StreamArn, "firehose", "a Data Firehose stream"));
        }

        if (destinations is not [{ Arn: { } arn, Service: var service, What: var what }])
        {
            throw CognitoErrors.LogConfigurationDestination(config.EventSource);
        }

        var parts = arn.Split(':');
        if (parts.Length < 6 || parts[2] != service)
        {
            throw CognitoErrors.LogDestinationArn(arn, what);
        }
    }
}
