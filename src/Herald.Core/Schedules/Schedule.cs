namespace Herald.Core.Schedules;

/// <summary>
/// When a piece of work runs by itself. Slots are claimed in the store (<see cref="ScheduleSlot"/>) before their run
/// is created, so a restart or a second instance never runs a slot twice.
/// </summary>
/// <param name="Work">What runs.</param>
/// <param name="Trigger">What starts it.</param>
/// <param name="State">Active or paused.</param>
/// <param name="PausedReason">Why it is paused (by whom, or after which failures); null when active.</param>
/// <param name="ActiveSince">
/// When the schedule was last saved or resumed: slots before it are not due (saving at 07:00 a 06:00 schedule
/// does not run at once), and failures before it do not count towards pausing.
/// </param>
/// <param name="LastSlotAt">The latest cron slot claimed (UTC); the next due slots are counted from here.</param>
/// <param name="UpdatedAt">When the schedule last changed.</param>
public sealed record Schedule(
    ScheduledWork Work,
    ScheduleTrigger Trigger,
    ScheduleState State,
    string? PausedReason,
    DateTimeOffset ActiveSince,
    DateTimeOffset? LastSlotAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>True when a trigger firing now would start a run.</summary>
    public bool IsActive => State == ScheduleState.Active && Trigger.Kind != ScheduleTriggerKind.Manual;
}
