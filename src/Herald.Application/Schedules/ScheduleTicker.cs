using Herald.Core.Ports;
using Herald.Core.Runs;
using Herald.Core.Schedules;

namespace Herald.Application.Schedules;

/// <summary>
/// One pass of the scheduler: finish claims a crash interrupted, start each cron schedule's due slot (once, however
/// many were missed), and catch up run-after chains whose predecessor succeeded while Herald was not listening.
/// </summary>
internal sealed class ScheduleTicker(
    IScheduleStore schedules,
    ICatalogStore catalog,
    IRunStore runs,
    ScheduledRunStarter starter,
    TimeProvider clock,
    ILogger<ScheduleTicker> logger)
{
    /// <summary>A claim older than this whose run was never recorded was interrupted (its instance stopped); a pass completes it.</summary>
    public static readonly TimeSpan UnfinishedClaimGrace = TimeSpan.FromMinutes(1);

    /// <summary>The most missed slots a run's reason names; more are counted.</summary>
    public const int MissedSlotsNamed = 10;

    // One pass at a time in this process: a pass that starts while another runs waits for it, so that when it returns,
    // every slot due at its start has its run (or its skip) recorded. Instances are kept apart by the store's claims.
    private readonly SemaphoreSlim _pass = new(1, 1);

    /// <summary>Runs one pass; returns when the next cron slot is due (UTC), or null when none is. Also called by tests after they move the clock.</summary>
    public async Task<DateTimeOffset?> TickAsync(CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            return await PassAsync(cancellationToken);
        }
        finally
        {
            _pass.Release();
        }
    }

    private async Task<DateTimeOffset?> PassAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var claim in await schedules.ListUnfinishedClaimsAsync(now - UnfinishedClaimGrace, cancellationToken))
        {
            await starter.StartClaimedAsync(claim, cancellationToken);
        }
        DateTimeOffset? nextDue = null;
        foreach (var schedule in await schedules.ListAsync(cancellationToken))
        {
            if (!schedule.IsActive)
            {
                continue;
            }
            try
            {
                var next = schedule.Trigger.Kind == ScheduleTriggerKind.Cron
                    ? await StartDueSlotAsync(schedule, now, cancellationToken)
                    : await CatchUpChainAsync(schedule, cancellationToken);
                nextDue = next is { } n && (nextDue is null || n < nextDue) ? n : nextDue;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One schedule's problem (its zone gone from the system, its row unreadable) must not stop the others.
                logger.LogError(exception, "The schedule of {Work} could not be checked", schedule.Work.ToString());
            }
        }
        return nextDue;
    }

    private async Task<DateTimeOffset?> StartDueSlotAsync(Schedule schedule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (cron, problems) = CronSlots.Read(schedule.Trigger.Cron, schedule.Trigger.TimeZone, TimeSpan.Zero, now);
        if (cron is null)
        {
            logger.LogError("The schedule of {Work} no longer reads: {Problem}", schedule.Work.ToString(), problems.FirstOrDefault()?.Message);
            return null;
        }
        var from = schedule.LastSlotAt is { } last && last > schedule.ActiveSince ? last : schedule.ActiveSince;
        var (latest, count) = cron.DueBetween(from, now, MissedSlotsNamed + 1);
        if (count > 0)
        {
            var slot = latest[^1];
            await starter.ClaimAndStartAsync(schedule.Work, ScheduleSlot.CronKey(slot), slot, Occasion(cron, slot, latest.Take(latest.Count - 1).ToList(), count - 1),
                schedule.LastSlotAt, isCron: true, cancellationToken);
        }
        return cron.NextAfter(now);
    }

    private static string Occasion(CronSlots cron, DateTimeOffset slot, IReadOnlyList<DateTimeOffset> missed, int missedCount)
    {
        var occasion = $"Scheduled for {cron.Describe(slot)}.";
        if (missedCount == 0)
        {
            return occasion;
        }
        var named = string.Join(", ", missed.Select(cron.Describe));
        var more = missedCount > missed.Count ? $" and {missedCount - missed.Count} earlier" : "";
        return $"{occasion} It also stands for {missedCount} slot(s) missed while Herald was not running: {named}{more}; they are not run one by one.";
    }

    private async Task<DateTimeOffset?> CatchUpChainAsync(Schedule schedule, CancellationToken cancellationToken)
    {
        if (schedule.Trigger.After is not { Kind: ScheduledWork.Orchestration } predecessor
            || await catalog.FindOrchestrationAsync(predecessor.Name, cancellationToken) is not { } orchestration)
        {
            return null;
        }
        var lastSuccess = (await runs.ListAsync(new RunQuery(State: RunState.Succeeded, OrchestrationId: orchestration.Id, Limit: 1, Test: false), cancellationToken)).FirstOrDefault();
        // The follower's latest slot is usually this success's: then there is nothing to write.
        if (lastSuccess is not null && (await schedules.ListSlotsAsync(schedule.Work, 1, cancellationToken)).FirstOrDefault()?.Key != ScheduleSlot.AfterKey(lastSuccess.Id))
        {
            await StartFollowerAsync(schedule, lastSuccess, cancellationToken);
        }
        return null;
    }

    /// <summary>Starts the follower's run for a predecessor's success, once per success (claimed by the predecessor's run id).</summary>
    public async Task StartFollowerAsync(Schedule follower, Run predecessorRun, CancellationToken cancellationToken)
    {
        var finished = predecessorRun.FinishedAt ?? predecessorRun.UpdatedAt;
        // A chain saved (or resumed) after the predecessor's success does not fire for it.
        if (!follower.IsActive || finished < follower.ActiveSince)
        {
            return;
        }
        var occasion = $"Started because {follower.Trigger.After} succeeded (run {predecessorRun.Id}).";
        await starter.ClaimAndStartAsync(follower.Work, ScheduleSlot.AfterKey(predecessorRun.Id), finished, occasion, null, isCron: false, cancellationToken);
    }
}
