namespace Herald.Core.Schedules;

/// <summary>What starts the runs of a schedule: by hand only, a cron expression in a time zone, or the success of another piece of work.</summary>
/// <param name="Kind">Manual, cron or after.</param>
/// <param name="Cron">For <see cref="ScheduleTriggerKind.Cron"/>: five fields (minute hour day-of-month month day-of-week), e.g. <c>0 6 * * *</c>.</param>
/// <param name="TimeZone">For <see cref="ScheduleTriggerKind.Cron"/>: the IANA zone the expression is read in, e.g. <c>Europe/Istanbul</c>.</param>
/// <param name="After">For <see cref="ScheduleTriggerKind.After"/>: the work whose success starts a run.</param>
public sealed record ScheduleTrigger(ScheduleTriggerKind Kind, string? Cron = null, string? TimeZone = null, ScheduledWork? After = null)
{
    /// <summary>By hand only.</summary>
    public static ScheduleTrigger Manual { get; } = new(ScheduleTriggerKind.Manual);

    /// <summary>On a cron expression read in a time zone.</summary>
    public static ScheduleTrigger OnCron(string cron, string timeZone) => new(ScheduleTriggerKind.Cron, cron, timeZone);

    /// <summary>After each success of <paramref name="predecessor"/>.</summary>
    public static ScheduleTrigger RunAfter(ScheduledWork predecessor) => new(ScheduleTriggerKind.After, After: predecessor);

    /// <summary>How a person reads it: "by hand only", "cron '0 6 * * *' in Europe/Istanbul", "after orchestration 'x' succeeds".</summary>
    public string Describe() => Kind switch
    {
        ScheduleTriggerKind.Cron => $"cron '{Cron}' in {TimeZone}",
        ScheduleTriggerKind.After => $"after {After} succeeds",
        _ => "by hand only",
    };
}
