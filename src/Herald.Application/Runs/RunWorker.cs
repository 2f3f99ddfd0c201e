using Herald.Core.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Herald.Application.Runs;

/// <summary>
/// Takes runs that need work, a few at a time, each under a lease that is renewed while the run is worked
/// on. If this process dies, the lease runs out and another worker (or this one after a restart) takes the
/// run over from its stored state.
/// </summary>
internal sealed class RunWorker(
    IRunStore runs,
    RunExecutor executor,
    RunSignal signal,
    IOptions<RunEngineOptions> options,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<RunWorker> logger) : BackgroundService
{
    private readonly string _workerId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}"[..^24];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Submissions carry URLs of this server; its address is known only once it listens.
        if (!await StartedAsync(stoppingToken))
        {
            return;
        }
        var settings = options.Value;
        var loops = Enumerable.Range(0, settings.Concurrency)
            .Select(slot => Task.Run(() => LoopAsync($"{_workerId}/{slot}", settings, stoppingToken), CancellationToken.None));
        await Task.WhenAll(loops);
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled());
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task LoopAsync(string worker, RunEngineOptions settings, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var run = await runs.TryClaimNextAsync(worker, clock.GetUtcNow(), settings.LeaseDuration, stoppingToken);
                if (run is null)
                {
                    await signal.WaitAsync(settings.PollInterval, stoppingToken);
                    continue;
                }
                await WorkUnderLeaseAsync(worker, run.Id, settings.LeaseDuration, stoppingToken);
                // Finishing a run may have unblocked the next run of the same destination.
                signal.Pulse();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The store may be briefly unavailable; back off and try again rather than stop working.
                logger.LogError(exception, "Worker {Worker} could not take a run", worker);
                await signal.WaitAsync(settings.PollInterval, stoppingToken);
            }
        }
    }

    private async Task WorkUnderLeaseAsync(string worker, Guid runId, TimeSpan lease, CancellationToken stoppingToken)
    {
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewal = RenewAsync(worker, runId, lease, lost, stoppingToken);
        try
        {
            await executor.ExecuteAsync(runId, lost.Token);
        }
        finally
        {
            await lost.CancelAsync();
            await renewal;
            // The step has stopped (finished, or cancelled by a shutdown): whoever starts next may take the run
            // at once instead of waiting for the lease to run out.
            try
            {
                await runs.ReleaseLeaseAsync(runId, worker, CancellationToken.None);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Could not release the lease on run {RunId}; it will run out by itself", runId);
            }
        }
    }

    private async Task RenewAsync(string worker, Guid runId, TimeSpan lease, CancellationTokenSource lost, CancellationToken stoppingToken)
    {
        try
        {
            using var timer = new PeriodicTimer(lease / 3);
            while (await timer.WaitForNextTickAsync(lost.Token))
            {
                if (!await runs.RenewLeaseAsync(runId, worker, clock.GetUtcNow(), lease, stoppingToken))
                {
                    logger.LogWarning("Worker {Worker} lost its lease on run {RunId}, or the run ended (cancelled); stopping work on it", worker, runId);
                    await lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run is done, or the server is stopping.
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Could not renew the lease on run {RunId}; stopping work on it", runId);
            await lost.CancelAsync();
        }
    }
}
