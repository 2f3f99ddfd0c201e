using Herald.Core.Schedules;

namespace Herald.Application.Schedules;

/// <summary>A schedule Herald paused by itself.</summary>
/// <param name="Schedule">The schedule as saved, paused, with its reason.</param>
/// <param name="FailedRunIds">The runs that failed in a row, newest first.</param>
/// <param name="At">When it was paused (Herald's clock).</param>
public sealed record SchedulePaused(Schedule Schedule, IReadOnlyList<Guid> FailedRunIds, DateTimeOffset At);
