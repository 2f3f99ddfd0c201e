namespace Herald.Core.Schedules;

/// <summary>
/// One occasion on which a schedule fires, claimed once in the store: a cron time, or a predecessor's successful run.
/// </summary>
/// <param name="Work">The schedule's work.</param>
/// <param name="Key">Unique per schedule: <c>cron:</c> and the slot's UTC time, or <c>after:</c> and the predecessor's run id.</param>
/// <param name="At">The slot's time (UTC): the cron time, or when the predecessor's run finished.</param>
/// <param name="ClaimedAt">When an instance claimed it.</param>
/// <param name="RunId">The run (for a bridge, the sync) created for it, chosen when claimed, so a crash in between creates that same run, never a second.</param>
/// <param name="Outcome">Claimed, started or skipped.</param>
/// <param name="Detail">Why it fired and what was missed, or why it was skipped.</param>
public sealed record ScheduleSlot(
    ScheduledWork Work,
    string Key,
    DateTimeOffset At,
    DateTimeOffset ClaimedAt,
    Guid RunId,
    ScheduleSlotOutcome Outcome,
    string Detail)
{
    /// <summary>The key of a cron slot.</summary>
    public static string CronKey(DateTimeOffset at) => $"cron:{at.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}";

    /// <summary>The key of a slot fired by a predecessor's run.</summary>
    public static string AfterKey(Guid predecessorRunId) => $"after:{predecessorRunId}";
}
