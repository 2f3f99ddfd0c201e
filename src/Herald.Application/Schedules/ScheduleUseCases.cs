using Herald.Application.Access;
using Herald.Application.UseCases;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Schedules;
using Microsoft.Extensions.Options;

namespace Herald.Application.Schedules;

/// <summary>
/// Reading (<c>catalog:read</c>), setting, pausing and resuming (<c>orchestration:edit</c> for an orchestration's,
/// <c>bridge:edit</c> for a bridge's; audited) a schedule: one place for the API, the web UI and the CLI. The methods
/// taking an orchestration's key are the same as those taking <see cref="ScheduledWork.OfOrchestration"/> of it.
/// </summary>
internal sealed class ScheduleUseCases(
    IScheduleStore schedules, ICatalogStore catalog, IBridgeStore bridges, ScheduleChains chains, ScheduleSignal signal, IOptions<ScheduleOptions> options, AuditTrail audit,
    TimeProvider clock)
{
    /// <summary>How many coming times a schedule shows.</summary>
    public const int NextRunsShown = 5;

    /// <summary>How many latest slots a schedule shows.</summary>
    public const int RecentSlotsShown = 10;

    public Task<UseCaseResult<ScheduleOverview>> GetAsync(Caller caller, string orchestrationKey, CancellationToken cancellationToken) =>
        GetAsync(caller, ScheduledWork.OfOrchestration(orchestrationKey), cancellationToken);

    public Task<UseCaseResult<ScheduleOverview>> SetAsync(Caller caller, string orchestrationKey, ScheduleDraft draft, CancellationToken cancellationToken) =>
        SetAsync(caller, ScheduledWork.OfOrchestration(orchestrationKey), draft, cancellationToken);

    public Task<UseCaseResult<ScheduleOverview>> PauseAsync(Caller caller, string orchestrationKey, CancellationToken cancellationToken) =>
        PauseAsync(caller, ScheduledWork.OfOrchestration(orchestrationKey), cancellationToken);

    public Task<UseCaseResult<ScheduleOverview>> ResumeAsync(Caller caller, string orchestrationKey, CancellationToken cancellationToken) =>
        ResumeAsync(caller, ScheduledWork.OfOrchestration(orchestrationKey), cancellationToken);

    /// <summary>The schedule of <paramref name="asked"/> (its kind, and its name or id as the caller typed it).</summary>
    public async Task<UseCaseResult<ScheduleOverview>> GetAsync(Caller caller, ScheduledWork asked, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.CatalogRead) is { } denied)
        {
            return denied;
        }
        if (await FindAsync(asked, cancellationToken) is not { } work)
        {
            return Refusal.NotFound(asked.Kind, asked.Name);
        }
        return await OverviewAsync(work, cancellationToken);
    }

    public async Task<UseCaseResult<ScheduleOverview>> SetAsync(Caller caller, ScheduledWork asked, ScheduleDraft draft, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, EditAction(asked), "set schedule", asked.Name, await BeforeAsync(asked, cancellationToken),
            await SetUnauditedAsync(caller, asked, draft, cancellationToken), overview => overview.Schedule);

    private async Task<UseCaseResult<ScheduleOverview>> SetUnauditedAsync(Caller caller, ScheduledWork asked, ScheduleDraft draft, CancellationToken cancellationToken)
    {
        if (caller.Denied(EditAction(asked)) is { } denied)
        {
            return denied;
        }
        if (await FindAsync(asked, cancellationToken) is not { } work)
        {
            return Refusal.NotFound(asked.Kind, asked.Name);
        }
        var now = clock.GetUtcNow();
        var chosen = (draft.Cron is not null || draft.TimeZone is not null ? 1 : 0) + (draft.After is not null ? 1 : 0) + (draft.Manual ? 1 : 0);
        if (chosen != 1)
        {
            return Refusal.Rule("Choose one: a cron expression with its time zone, an orchestration to run after, or by hand only.");
        }
        ScheduleTrigger trigger;
        if (draft.Manual)
        {
            trigger = ScheduleTrigger.Manual;
        }
        else if (draft.After is { } after)
        {
            if (await catalog.FindOrchestrationAsync(after, cancellationToken) is not { } predecessor)
            {
                if (await bridges.FindBridgeAsync(after, cancellationToken) is not null)
                {
                    // A sync is not a run: the listener that starts followers hears runs only.
                    return Refusal.Invalid("schedule", [new FieldProblem("After",
                        $"'{Shorten(after)}' is a bridge: only an orchestration's success can start a run or a sync, not a bridge's sync. Name an orchestration, or use a cron expression.")]);
                }
                return Refusal.Invalid("schedule", [new FieldProblem("After", $"No orchestration named '{Shorten(after)}' to run after; name an existing one.")]);
            }
            trigger = ScheduleTrigger.RunAfter(ScheduledWork.OfOrchestration(predecessor.Name));
            if (await chains.ProblemAsync(work, trigger.After!, cancellationToken) is { } problem)
            {
                return Refusal.Invalid("schedule", [new FieldProblem("After", problem)]);
            }
        }
        else
        {
            var (cron, problems) = CronSlots.Read(draft.Cron, draft.TimeZone, options.Value.MinimumInterval, now);
            if (cron is null)
            {
                return Refusal.Invalid("schedule", problems);
            }
            trigger = ScheduleTrigger.OnCron(cron.Expression, cron.ZoneName);
        }
        var existing = await schedules.FindAsync(work, cancellationToken);
        // Saving is deciding again: the schedule is active from now on, and slots before now are not due.
        var schedule = new Schedule(work, trigger, ScheduleState.Active, null, now, existing?.LastSlotAt, now);
        await schedules.SaveAsync(schedule, cancellationToken);
        signal.Pulse();
        return await OverviewAsync(work, cancellationToken);
    }

    public async Task<UseCaseResult<ScheduleOverview>> PauseAsync(Caller caller, ScheduledWork asked, CancellationToken cancellationToken) =>
        await ChangeStateAsync(caller, asked, ScheduleState.Paused, cancellationToken);

    public async Task<UseCaseResult<ScheduleOverview>> ResumeAsync(Caller caller, ScheduledWork asked, CancellationToken cancellationToken) =>
        await ChangeStateAsync(caller, asked, ScheduleState.Active, cancellationToken);

    private async Task<UseCaseResult<ScheduleOverview>> ChangeStateAsync(Caller caller, ScheduledWork asked, ScheduleState state, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, EditAction(asked), state == ScheduleState.Paused ? "pause schedule" : "resume schedule", asked.Name,
            await BeforeAsync(asked, cancellationToken), await ChangeStateUnauditedAsync(caller, asked, state, cancellationToken),
            overview => overview.Schedule);

    private async Task<UseCaseResult<ScheduleOverview>> ChangeStateUnauditedAsync(
        Caller caller, ScheduledWork asked, ScheduleState state, CancellationToken cancellationToken)
    {
        if (caller.Denied(EditAction(asked)) is { } denied)
        {
            return denied;
        }
        if (await FindAsync(asked, cancellationToken) is not { } work)
        {
            return Refusal.NotFound(asked.Kind, asked.Name);
        }
        if (await schedules.FindAsync(work, cancellationToken) is not { } schedule || schedule.Trigger.Kind == ScheduleTriggerKind.Manual)
        {
            return Refusal.Conflict($"The {work} runs by hand only; give it a schedule first.") with { Subject = "schedule" };
        }
        if (schedule.State == state)
        {
            return Refusal.Conflict($"The schedule of '{work.Name}' is {state.ToString().ToLowerInvariant()} already.") with { Subject = "schedule" };
        }
        var now = clock.GetUtcNow();
        var changed = state == ScheduleState.Paused
            ? schedule with { State = state, PausedReason = $"Paused by {Runs.RunLauncher.StartedBy(caller)} on {now.UtcDateTime:yyyy-MM-dd HH:mm} UTC.", UpdatedAt = now }
            // Slots that passed while paused are not run, and failures before the pause no longer count.
            : schedule with { State = state, PausedReason = null, ActiveSince = now, UpdatedAt = now };
        await schedules.SaveAsync(changed, cancellationToken);
        signal.Pulse();
        return await OverviewAsync(work, cancellationToken);
    }

    /// <summary>The schedule before a change, for the audit log; null when it has none (or no such work).</summary>
    private async Task<Schedule?> BeforeAsync(ScheduledWork asked, CancellationToken cancellationToken) =>
        await FindAsync(asked, cancellationToken) is { } work ? await schedules.FindAsync(work, cancellationToken) : null;

    /// <summary>The work <paramref name="asked"/> names (by name or id), by its stored name; null when there is none of that kind.</summary>
    private async Task<ScheduledWork?> FindAsync(ScheduledWork asked, CancellationToken cancellationToken) => asked.Kind switch
    {
        ScheduledWork.Orchestration => await catalog.FindOrchestrationAsync(asked.Name, cancellationToken) is { } o ? ScheduledWork.OfOrchestration(o.Name) : null,
        ScheduledWork.Bridge => await bridges.FindBridgeAsync(asked.Name, cancellationToken) is { } b ? ScheduledWork.OfBridge(b.Name) : null,
        _ => null,
    };

    private static string EditAction(ScheduledWork work) => work.Kind == ScheduledWork.Bridge ? HeraldActions.BridgeEdit : HeraldActions.OrchestrationEdit;

    private async Task<ScheduleOverview> OverviewAsync(ScheduledWork work, CancellationToken cancellationToken)
    {
        var schedule = await schedules.FindAsync(work, cancellationToken);
        IReadOnlyList<DateTimeOffset> next = [];
        if (schedule is { State: ScheduleState.Active, Trigger.Kind: ScheduleTriggerKind.Cron }
            && CronSlots.Read(schedule.Trigger.Cron, schedule.Trigger.TimeZone, TimeSpan.Zero, clock.GetUtcNow()).Slots is { } cron)
        {
            next = [.. cron.Next(clock.GetUtcNow(), NextRunsShown).Select(cron.InZone)];
        }
        var recent = schedule is null ? [] : await schedules.ListSlotsAsync(work, RecentSlotsShown, cancellationToken);
        return new ScheduleOverview(work, schedule, next, recent);
    }

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "..." : text;
}
