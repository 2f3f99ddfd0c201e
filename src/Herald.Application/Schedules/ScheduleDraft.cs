namespace Herald.Application.Schedules;

/// <summary>A schedule as a person asks for it: exactly one of a cron expression (with its time zone), a predecessor, or by hand only.</summary>
/// <param name="Cron">Five cron fields, e.g. <c>0 6 * * *</c>.</param>
/// <param name="TimeZone">The IANA zone the cron expression is read in, e.g. <c>Europe/Istanbul</c>.</param>
/// <param name="After">The orchestration whose success starts this one's run.</param>
/// <param name="Manual">By hand only: no schedule.</param>
public sealed record ScheduleDraft(string? Cron, string? TimeZone, string? After, bool Manual);
