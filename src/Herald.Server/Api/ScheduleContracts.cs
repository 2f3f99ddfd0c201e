namespace Herald.Server.Api;

// The schedule API's messages (PUT/GET /api/orchestrations/{name}/schedule and /api/bridges/{name}/schedule, POST .../schedule/pause and /resume).

/// <summary>Exactly one of: <c>cron</c> with <c>timeZone</c> (IANA), <c>after</c> (an orchestration's name), or <c>manual</c> true.</summary>
public sealed record ScheduleInput(string? Cron = null, string? TimeZone = null, string? After = null, bool Manual = false);

/// <summary>A schedule: what starts it, whether it is active (or paused, and why), its next times and latest slots.</summary>
/// <param name="Name">The scheduled orchestration's or bridge's name.</param>
/// <param name="Kind">What it schedules: <c>orchestration</c> (its runs) or <c>bridge</c> (its syncs).</param>
/// <param name="Trigger"><c>manual</c>, <c>cron</c> or <c>after</c>.</param>
/// <param name="After">The work it runs after: kind (<c>orchestration</c>) and name.</param>
/// <param name="State"><c>active</c> or <c>paused</c>.</param>
/// <param name="Description">How a person reads the trigger, e.g. "cron '0 6 * * *' in Europe/Istanbul".</param>
/// <param name="NextRuns">The next five times of an active cron schedule, in its zone and in UTC.</param>
public sealed record ScheduleView(
    string Name,
    string Kind,
    string Trigger,
    string? Cron,
    string? TimeZone,
    ScheduledWorkView? After,
    string State,
    string? PausedReason,
    string Description,
    IReadOnlyList<ScheduleTimeView> NextRuns,
    IReadOnlyList<ScheduleSlotView> RecentSlots);

/// <summary>A piece of work a schedule names: its kind (<c>orchestration</c>) and name.</summary>
public sealed record ScheduledWorkView(string Kind, string Name);

/// <summary>One coming slot: on the schedule zone's clock (with that moment's offset) and in UTC.</summary>
public sealed record ScheduleTimeView(DateTimeOffset Local, DateTimeOffset Utc);

/// <summary>A claimed slot: <c>started</c> (with its run), <c>skipped</c> (the detail says why) or <c>claimed</c> (its run being created).</summary>
public sealed record ScheduleSlotView(string Key, DateTimeOffset At, DateTimeOffset ClaimedAt, Guid RunId, string Outcome, string Detail);
