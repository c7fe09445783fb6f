using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.LogDelivery;

/// <summary>Reads the pools' stored log delivery configurations for the host's log writer
/// (docs/operations.md#log-delivery).</summary>
public sealed class PoolLogTargets(INinshoStorage storage)
{
    /// <summary>The pool's configured exports; none when it has no configuration (or no longer exists).</summary>
    public async Task<IReadOnlyList<PoolLogTarget>> ForPoolAsync(string userPoolId, CancellationToken ct)
    {
        var row = await storage.PoolResources.FindAsync(userPoolId, LogDeliveryConfigurations.Kind, LogDeliveryConfigurations.Name, ct);
        return row is null ? [] : [.. Targets(userPoolId, LogDeliveryConfigurations.View(userPoolId, row).LogConfigurations ?? [])];
    }

    /// <summary>Every pool's configured exports, pool by pool (for the start-up check of unmapped ARNs).</summary>
    public async IAsyncEnumerable<PoolLogTarget> AllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? after = null;
        do
        {
            var page = await storage.UserPools.ListAsync(60, after, ct);
            foreach (var pool in page.Items)
            {
                foreach (var target in await ForPoolAsync(pool.Id, ct))
                {
                    yield return target;
                }
            }

            after = page.NextKey;
        }
        while (after is not null);
    }

    private static IEnumerable<PoolLogTarget> Targets(string userPoolId, IEnumerable<LogConfigurationType> configurations) =>
        from c in configurations
        let arn = c.CloudWatchLogsConfiguration?.LogGroupArn ?? c.S3Configuration?.BucketArn ?? c.FirehoseConfiguration?.StreamArn
        where arn is not null
        select new PoolLogTarget(userPoolId, c.EventSource, arn);
}
