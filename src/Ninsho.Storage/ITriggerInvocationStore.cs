namespace Ninsho.Storage;

/// <summary>The log of Lambda trigger invocations (docs/triggers.md#the-invocation-log): what each trigger was
/// sent and what came back, so that a developer or a test can see that a trigger ran. Bounded per pool.</summary>
public interface ITriggerInvocationStore
{
    /// <summary>Records <paramref name="invocation"/> (its <see cref="StoredTriggerInvocation.Id"/> is ignored and
    /// assigned), then deletes the pool's older entries beyond the newest <paramref name="keepPerPool"/>.</summary>
    Task<StoredTriggerInvocation> AddAsync(StoredTriggerInvocation invocation, int keepPerPool, CancellationToken ct);

    /// <summary>The newest <paramref name="limit"/> entries, optionally of one pool and one trigger source,
    /// oldest first.</summary>
    Task<IReadOnlyList<StoredTriggerInvocation>> ListAsync(string? userPoolId, string? triggerSource, int limit, CancellationToken ct);
}
