namespace Ninsho.Core.Features.LogDelivery;

/// <summary>One configured export of a pool: its <c>EventSource</c> and the ARN of its destination (the log group,
/// bucket or stream, whichever the configuration names).</summary>
public sealed record PoolLogTarget(string UserPoolId, string EventSource, string Arn);
