using Herald.Application.Runs;
using Herald.Application.UseCases;
using Herald.Core.Ports;
using Herald.Core.Runs;
using Herald.Core.Schedules;

namespace Herald.Application.Schedules;

/// <summary>
/// Claims a slot and creates its run, or records why it did not. The claim comes first and carries the run's id, so a
/// crash between the two leaves a claim that the next pass completes with that same run: a slot runs at most once.
/// </summary>
internal sealed class ScheduledRunStarter(
    IScheduleStore schedules, ICatalogStore catalog, IRunStore runs, RunLauncher launcher, IBridgeStore bridges, BridgeUseCases bridgeSyncs, TimeProvider clock,
    ILogger<ScheduledRunStarter> logger)
{
    /// <summary>The caller a schedule's runs are started by (their <c>StartedBy</c>).</summary>
    public static readonly Caller Schedule = Caller.Herald("schedule");

    /// <summary>Non-final states: a run of the destination in one of them is still in flight.</summary>
    private static readonly RunState[] InFlight = [.. Enum.GetValues<RunState>().Where(s => !s.IsFinal())];

    /// <summary>Claims the slot and starts it; false when it had been claimed already (nothing done).</summary>
    public async Task<bool> ClaimAndStartAsync(ScheduledWork work, string key, DateTimeOffset at, string occasion, DateTimeOffset? previousCronSlot, bool isCron, CancellationToken cancellationToken)
    {
        var slot = new ScheduleSlot(work, key, at, clock.GetUtcNow(), Guid.NewGuid(), ScheduleSlotOutcome.Claimed, occasion);
        if (!await schedules.TryClaimAsync(slot, isCron, previousCronSlot, cancellationToken))
        {
            return false;
        }
        await StartClaimedAsync(slot, cancellationToken);
        return true;
    }

    // The scheduler's pass and a finished run's listener may both reach an interrupted claim: one at a time in this
    // process, so the one that comes second finds the run the first created.
    private readonly SemaphoreSlim _starting = new(1, 1);

    /// <summary>Creates the run of a claimed slot (with the id chosen when it was claimed), or records it as skipped.</summary>
    public async Task StartClaimedAsync(ScheduleSlot slot, CancellationToken cancellationToken)
    {
        await _starting.WaitAsync(cancellationToken);
        try
        {
            await StartOnceAsync(slot, cancellationToken);
        }
        finally
        {
            _starting.Release();
        }
    }

    private async Task StartOnceAsync(ScheduleSlot slot, CancellationToken cancellationToken)
    {
        if (slot.Work.Kind == ScheduledWork.Bridge)
        {
            await StartSyncOnceAsync(slot, cancellationToken);
            return;
        }
        if (await runs.GetAsync(slot.RunId, cancellationToken) is not null)
        {
            // Herald stopped after creating the run but before recording it.
            await schedules.CompleteAsync(slot.Work, slot.Key, ScheduleSlotOutcome.Started, slot.Detail, cancellationToken);
            return;
        }
        if (slot.Work.Kind != ScheduledWork.Orchestration || await catalog.FindOrchestrationAsync(slot.Work.Name, cancellationToken) is not { } orchestration)
        {
            await SkipAsync(slot, $"Skipped: {slot.Work} no longer exists.", cancellationToken);
            return;
        }
        if (await InFlightRunAsync(orchestration.DestinationId, cancellationToken) is { } busy)
        {
            await SkipAsync(slot, $"Skipped, not queued: the destination's previous run {busy.Id} ({busy.Origin.StartedBy}) was still {busy.State.ToWireName()}. {slot.Detail}", cancellationToken);
            return;
        }
        var started = await launcher.StartOrchestrationAsync(Schedule, orchestration, null, force: false, cancellationToken, slot.RunId, slot.Detail);
        if (!started.Succeeded)
        {
            await SkipAsync(slot, $"Skipped: {started.Refusal.Message}", cancellationToken);
            return;
        }
        await schedules.CompleteAsync(slot.Work, slot.Key, ScheduleSlotOutcome.Started, slot.Detail, cancellationToken);
    }

    // A bridge's slot starts its sync through the one entry point every trigger uses, with the id the slot was claimed with.
    private async Task StartSyncOnceAsync(ScheduleSlot slot, CancellationToken cancellationToken)
    {
        if (await bridges.GetSyncAsync(slot.RunId, cancellationToken) is not null)
        {
            await schedules.CompleteAsync(slot.Work, slot.Key, ScheduleSlotOutcome.Started, slot.Detail, cancellationToken);
            return;
        }
        if (await bridges.FindBridgeAsync(slot.Work.Name, cancellationToken) is not { } bridge)
        {
            await SkipAsync(slot, $"Skipped: {slot.Work} no longer exists.", cancellationToken);
            return;
        }
        if ((await bridges.ListSyncsAsync(bridge.Id, 1, cancellationToken)) is [{ IsFinal: false } busy])
        {
            await SkipAsync(slot, $"Skipped, not queued: the bridge's previous sync {busy.Id} ({busy.StartedBy}) was still {busy.State.ToString().ToLowerInvariant()}. {slot.Detail}", cancellationToken);
            return;
        }
        var started = await bridgeSyncs.StartSyncAsync(Schedule, bridge, allowShrink: false, cancellationToken, slot.RunId);
        if (!started.Succeeded)
        {
            await SkipAsync(slot, $"Skipped: {started.Refusal.Message}", cancellationToken);
            return;
        }
        await schedules.CompleteAsync(slot.Work, slot.Key, ScheduleSlotOutcome.Started, slot.Detail, cancellationToken);
    }

    private async Task SkipAsync(ScheduleSlot slot, string reason, CancellationToken cancellationToken)
    {
        logger.LogWarning("Schedule of {Work}: slot {Slot} skipped: {Reason}", slot.Work.ToString(), slot.Key, reason);
        await schedules.CompleteAsync(slot.Work, slot.Key, ScheduleSlotOutcome.Skipped, reason, cancellationToken);
    }

    private async Task<Run?> InFlightRunAsync(Guid destinationId, CancellationToken cancellationToken)
    {
        foreach (var state in InFlight)
        {
            if ((await runs.ListAsync(new RunQuery(State: state, DestinationId: destinationId, Limit: 1), cancellationToken)) is [var run, ..])
            {
                return run;
            }
        }
        return null;
    }
}
