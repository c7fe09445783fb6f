using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Ninsho.Storage;

namespace Ninsho.Core.Features.UserImport;

/// <summary>Runs import jobs on this node: claims a Pending job (or one whose node stopped sending heartbeats) and runs it,
/// one at a time. Every node polls every <see cref="PollInterval"/>; StartUserImportJob wakes the node it reached at once.
/// With PostgreSQL each job runs on exactly one node (ClaimAsync), and jobs survive restarts because they are stored.</summary>
public sealed class UserImportWorker(IServiceProvider services, TimeProvider clock, ILogger<UserImportWorker> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    /// <summary>How long after start the first poll waits unless woken.</summary>
    public static readonly TimeSpan FirstPollDelay = TimeSpan.FromSeconds(1);

    /// <summary>A running job whose heartbeat is older than this is taken over by another node.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(60);

    private readonly string _node = "node-" + Guid.NewGuid().ToString("N");
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Makes the worker look for jobs now rather than at the next poll.</summary>
    public void Wake()
    {
        try
        {
            _ = _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first look waits a moment (or a Wake) so that it does not compete with the server's first requests
        // for the CPU at start-up (bench/cold-start.py); a job left over from before a restart starts a second later.
        try
        {
            _ = await _wake.WaitAsync(FirstPollDelay, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var storage = services.GetRequiredService<INinshoStorage>();
        var runner = services.GetRequiredService<UserImportRunner>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = clock.GetUtcNow();
                while (await storage.ImportJobs.ClaimAsync(_node, now, now - StaleAfter, stoppingToken) is { } job)
                {
                    await runner.RunAsync(job, stoppingToken);
                    now = clock.GetUtcNow();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failing job must not stop the worker; it is retried once its heartbeat is stale.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogError(e, "User import job failed on this node; another poll will retry it.");
            }

            try
            {
                _ = await _wake.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
