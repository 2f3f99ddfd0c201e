using Herald.Core.Schedules;

namespace Herald.Application.Schedules;

/// <summary>A schedule as its page shows it: the schedule (null when the work runs by hand only), its next times and its latest slots.</summary>
/// <param name="Work">What the schedule runs.</param>
/// <param name="Schedule">The stored schedule; null when there is none.</param>
/// <param name="NextRuns">The next slots of a cron schedule, in the schedule's zone (the offset says which side of a daylight-saving change); empty otherwise or when paused.</param>
/// <param name="RecentSlots">The latest slots claimed, newest first.</param>
public sealed record ScheduleOverview(ScheduledWork Work, Schedule? Schedule, IReadOnlyList<DateTimeOffset> NextRuns, IReadOnlyList<ScheduleSlot> RecentSlots);
