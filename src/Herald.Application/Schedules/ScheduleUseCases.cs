using Herald.Application.Access;
using Herald.Application.UseCases;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Schedules;
using Microsoft.Extensions.Options;

namespace Herald.Application.Schedules;

/// <summary>
/// Reading (<c>catalog:read</c>), setting, pausing and resuming (<c>orchestration:edit</c>, audited) an orchestration's
/// schedule: one place for the API, the web UI and the CLI.
/// </summary>
internal sealed class ScheduleUseCases(
    IScheduleStore schedules, ICatalogStore catalog, ScheduleChains chains, ScheduleSignal signal, IOptions<ScheduleOptions> options, AuditTrail audit,
    TimeProvider clock)
{
    /// <summary>How many coming times a schedule shows.</summary>
    public const int NextRunsShown = 5;

    /// <summary>How many latest slots a schedule shows.</summary>
    public const int RecentSlotsShown = 10;

    public async Task<UseCaseResult<ScheduleOverview>> GetAsync(Caller caller, string orchestrationKey, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.CatalogRead) is { } denied)
        {
            return denied;
        }
        if (await catalog.FindOrchestrationAsync(orchestrationKey, cancellationToken) is not { } orchestration)
        {
            return Refusal.NotFound("orchestration", orchestrationKey);
        }
        return await OverviewAsync(ScheduledWork.OfOrchestration(orchestration.Name), cancellationToken);
    }

    public async Task<UseCaseResult<ScheduleOverview>> SetAsync(Caller caller, string orchestrationKey, ScheduleDraft draft, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.OrchestrationEdit, "set schedule", orchestrationKey, await BeforeAsync(orchestrationKey, cancellationToken),
            await SetUnauditedAsync(caller, orchestrationKey, draft, cancellationToken), overview => overview.Schedule);

    private async Task<UseCaseResult<ScheduleOverview>> SetUnauditedAsync(Caller caller, string orchestrationKey, ScheduleDraft draft, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.OrchestrationEdit) is { } denied)
        {
            return denied;
        }
        if (await catalog.FindOrchestrationAsync(orchestrationKey, cancellationToken) is not { } orchestration)
        {
            return Refusal.NotFound("orchestration", orchestrationKey);
        }
        var work = ScheduledWork.OfOrchestration(orchestration.Name);
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

    public async Task<UseCaseResult<ScheduleOverview>> PauseAsync(Caller caller, string orchestrationKey, CancellationToken cancellationToken) =>
        await ChangeStateAsync(caller, orchestrationKey, ScheduleState.Paused, cancellationToken);

    public async Task<UseCaseResult<ScheduleOverview>> ResumeAsync(Caller caller, string orchestrationKey, CancellationToken cancellationToken) =>
        await ChangeStateAsync(caller, orchestrationKey, ScheduleState.Active, cancellationToken);

    private async Task<UseCaseResult<ScheduleOverview>> ChangeStateAsync(Caller caller, string orchestrationKey, ScheduleState state, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.OrchestrationEdit, state == ScheduleState.Paused ? "pause schedule" : "resume schedule", orchestrationKey,
            await BeforeAsync(orchestrationKey, cancellationToken), await ChangeStateUnauditedAsync(caller, orchestrationKey, state, cancellationToken),
            overview => overview.Schedule);

    private async Task<UseCaseResult<ScheduleOverview>> ChangeStateUnauditedAsync(
        Caller caller, string orchestrationKey, ScheduleState state, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.OrchestrationEdit) is { } denied)
        {
            return denied;
        }
        if (await catalog.FindOrchestrationAsync(orchestrationKey, cancellationToken) is not { } orchestration)
        {
            return Refusal.NotFound("orchestration", orchestrationKey);
        }
        var work = ScheduledWork.OfOrchestration(orchestration.Name);
        if (await schedules.FindAsync(work, cancellationToken) is not { } schedule || schedule.Trigger.Kind == ScheduleTriggerKind.Manual)
        {
            return Refusal.Conflict($"The orchestration '{orchestration.Name}' runs by hand only; give it a schedule first.") with { Subject = "schedule" };
        }
        if (schedule.State == state)
        {
            return Refusal.Conflict($"The schedule of '{orchestration.Name}' is {state.ToString().ToLowerInvariant()} already.") with { Subject = "schedule" };
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

    /// <summary>The orchestration's schedule before a change, for the audit log; null when it has none (or no such orchestration).</summary>
    private async Task<Schedule?> BeforeAsync(string orchestrationKey, CancellationToken cancellationToken) =>
        await catalog.FindOrchestrationAsync(orchestrationKey, cancellationToken) is { } orchestration
            ? await schedules.FindAsync(ScheduledWork.OfOrchestration(orchestration.Name), cancellationToken)
            : null;

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
