using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Herald.Application.Schedules;

/// <summary>
/// The run engine's scheduler: a pass at start-up (slots missed while Herald was down run once, chains catch up), then
/// asleep on Herald's clock until the next slot is due, a schedule changes, or <see cref="ScheduleOptions.MaxSleep"/>
/// has passed (a bound, so that a schedule saved by another instance is seen), never polling faster.
/// </summary>
internal sealed class Scheduler(ScheduleTicker ticker, ScheduleSignal signal, IOptions<ScheduleOptions> options, TimeProvider clock, ILogger<Scheduler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var maxSleep = options.Value.MaxSleep;
        while (!stoppingToken.IsCancellationRequested)
        {
            var change = signal.NextChange;
            DateTimeOffset? nextDue = null;
            try
            {
                nextDue = await ticker.TickAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The store may be briefly unavailable: look again after the longest sleep.
                logger.LogError(exception, "The scheduler could not check its schedules");
            }
            var sleep = nextDue is { } due ? due - clock.GetUtcNow() : maxSleep;
            try
            {
                await ScheduleSignal.SleepAsync(change, sleep < TimeSpan.Zero ? TimeSpan.Zero : sleep > maxSleep ? maxSleep : sleep, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
