using Herald.Application.Runs;
using Herald.Core.Ports;
using Herald.Core.Runs;
using Herald.Core.Schedules;
using Microsoft.Extensions.Options;

namespace Herald.Application.Schedules;

/// <summary>
/// Hears every finished run: a success starts the schedules chained after its orchestration; a schedule's failed run
/// pauses the schedule when it is the <see cref="ScheduleOptions.PauseAfterFailures"/>th failure in a row since the
/// schedule was saved or resumed. Counted from the store, not a counter, so a lost notice is made up by the next.
/// </summary>
internal sealed class ScheduleRunListener(
    IScheduleStore schedules,
    IRunStore runs,
    ScheduleTicker ticker,
    IEnumerable<ISchedulePausedListener> pausedListeners,
    IOptions<ScheduleOptions> options,
    TimeProvider clock,
    ILogger<ScheduleRunListener> logger) : IRunFinishedListener
{
    public async Task OnRunFinishedAsync(Run run, CancellationToken cancellationToken)
    {
        // A test send of the orchestration went to a segment of its own: it is not the success its followers wait for.
        if (run.State == RunState.Succeeded && !run.Origin.IsTest && run.Origin.OrchestrationName is { } name)
        {
            var predecessor = ScheduledWork.OfOrchestration(name);
            foreach (var follower in (await schedules.ListAsync(cancellationToken)).Where(s => s.Trigger.After == predecessor))
            {
                await ticker.StartFollowerAsync(follower, run, cancellationToken);
            }
        }
        if (run.State == RunState.Failed && await schedules.FindSlotOfRunAsync(run.Id, cancellationToken) is { } slot)
        {
            await PauseAfterFailuresAsync(slot.Work, cancellationToken);
        }
    }

    private async Task PauseAfterFailuresAsync(ScheduledWork work, CancellationToken cancellationToken)
    {
        if (await schedules.FindAsync(work, cancellationToken) is not { State: ScheduleState.Active } schedule)
        {
            return;
        }
        var limit = options.Value.PauseAfterFailures;
        var failed = new List<Run>();
        foreach (var slot in await schedules.ListSlotsAsync(work, limit * 4, cancellationToken))
        {
            if (slot.ClaimedAt < schedule.ActiveSince || failed.Count == limit)
            {
                break;
            }
            if (slot.Outcome != ScheduleSlotOutcome.Started || await runs.GetAsync(slot.RunId, cancellationToken) is not { IsFinal: true } run)
            {
                // A skipped slot or a run still under way neither breaks nor extends the streak.
                continue;
            }
            if (run.State != RunState.Failed)
            {
                break;
            }
            failed.Add(run);
        }
        if (failed.Count < limit)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var paused = schedule with
        {
            State = ScheduleState.Paused,
            PausedReason = $"Paused by Herald on {now.UtcDateTime:yyyy-MM-dd HH:mm} UTC: its last {limit} run(s) failed in a row " +
                $"(Herald:Schedules:PauseAfterFailures). The last, run {failed[0].Id}: {failed[0].Reason} Fix the cause, then resume the schedule.",
            UpdatedAt = now,
        };
        await schedules.SaveAsync(paused, cancellationToken);
        logger.LogWarning("The schedule of {Work} was paused after {Count} failed runs in a row", work.ToString(), limit);
        var notice = new SchedulePaused(paused, [.. failed.Select(r => r.Id)], now);
        foreach (var listener in pausedListeners)
        {
            try
            {
                await listener.OnSchedulePausedAsync(notice, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "A listener of paused schedules ({Listener}) failed", listener.GetType().Name);
            }
        }
    }
}
