namespace Herald.Application.Configuration;

/// <summary>
/// An orchestration's schedule, named as its orchestration is: a cron expression read in a time zone, or the
/// orchestration whose success starts it; and whether it is paused. An orchestration without one runs by hand only.
/// In a sandbox a schedule is configuration only: it never fires until it is promoted.
/// </summary>
/// <param name="Name">The orchestration's name.</param>
/// <param name="Cron">Five cron fields, such as <c>0 6 * * *</c>; with <paramref name="TimeZone"/>, or null for a schedule that runs after another orchestration.</param>
/// <param name="TimeZone">The IANA zone the cron expression is read in, such as <c>Europe/Istanbul</c>.</param>
/// <param name="After">The orchestration whose success starts a run; null for a cron schedule.</param>
/// <param name="Paused">Whether it starts no runs until resumed (by a person, by Herald after failures in a row, or by a file).</param>
public sealed record ScheduleEntry(string Name, string? Cron, string? TimeZone, string? After, bool Paused) : ICatalogEntry
{
    public const string KindName = "schedule";

    public string Kind => KindName;

    public IReadOnlyDictionary<string, string> Fields() =>
        EntryFields.Of(("cron", Cron), ("timeZone", TimeZone), ("after", After), ("paused", Paused ? "true" : "false"));
}
