using Herald.Application.Runs;
using Herald.Core.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Herald.Application.Bridges;

/// <summary>
/// Takes queued syncs one at a time, each under a lease renewed while it runs (a sync loads whole tables and may take
/// long). If this process dies, the lease runs out and the sync is taken up again from its stored state.
/// </summary>
internal sealed class BridgeSyncWorker(
    IBridgeStore store, BridgeSyncExecutor executor, BridgeSyncSignal signal, IOptions<RunEngineOptions> options, TimeProvider clock, ILogger<BridgeSyncWorker> logger)
    : BackgroundService
{
    private readonly string _workerId = $"{Environment.MachineName}:{Environment.ProcessId}:sync:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await store.TryClaimNextSyncAsync(_workerId, clock.GetUtcNow(), settings.LeaseDuration, stoppingToken) is not { } sync)
                {
                    await signal.WaitAsync(settings.PollInterval, stoppingToken);
                    continue;
                }
                using var lost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var renewal = RenewAsync(sync.Id, settings.LeaseDuration, lost);
                try
                {
                    await executor.ExecuteAsync(sync.Id, lost.Token);
                }
                finally
                {
                    await lost.CancelAsync();
                    await renewal;
                    await store.ReleaseSyncLeaseAsync(sync.Id, _workerId, CancellationToken.None);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The store may be briefly unavailable; back off and try again rather than stop syncing.
                logger.LogError(exception, "The sync worker could not take a sync");
                await signal.WaitAsync(settings.PollInterval, stoppingToken);
            }
        }
    }

    private async Task RenewAsync(Guid syncId, TimeSpan lease, CancellationTokenSource lost)
    {
        try
        {
            using var timer = new PeriodicTimer(lease / 3, clock);
            while (await timer.WaitForNextTickAsync(lost.Token))
            {
                if (!await store.RenewSyncLeaseAsync(syncId, _workerId, clock.GetUtcNow(), lease, lost.Token))
                {
                    logger.LogWarning("The sync worker lost its lease on sync {SyncId}; stopping work on it", syncId);
                    await lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The sync is done, or the server is stopping.
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Could not renew the lease on sync {SyncId}; stopping work on it", syncId);
            await lost.CancelAsync();
        }
    }
}
