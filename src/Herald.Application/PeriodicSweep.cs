using Microsoft.Extensions.Hosting;

namespace Herald.Application;

/// <summary>
/// Background work that makes one pass now and then one every <c>interval</c> on <c>timerClock</c>, until the host stops:
/// a failed pass is logged and the next one tries again, so one bad moment never stops the work for good.
/// </summary>
internal abstract class PeriodicSweep(TimeSpan interval, TimeProvider timerClock, ILogger logger) : BackgroundService
{
    /// <summary>The clock the passes are timed on.</summary>
    protected TimeProvider TimerClock { get; } = timerClock;

    protected ILogger Logger { get; } = logger;

    /// <summary>One pass; returns how many things it changed.</summary>
    protected abstract Task<int> PassAsync(CancellationToken cancellationToken);

    /// <summary>Says what a pass that changed <paramref name="changed"/> things did (called only when it changed some).</summary>
    protected abstract void Report(int changed);

    /// <summary>What the sweep does, for the log line of a failed pass ("check report deadlines").</summary>
    protected abstract string Purpose { get; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, TimerClock);
        do
        {
            try
            {
                if (await PassAsync(stoppingToken) is var changed and > 0)
                {
                    Report(changed);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                Logger.LogError(exception, "Could not {Purpose}", Purpose);
            }
        }
        while (await NextTickAsync(timer, stoppingToken));
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
