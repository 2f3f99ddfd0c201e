using Cronos;
using Herald.Core.Catalog;

namespace Herald.Application.Schedules;

/// <summary>
/// A cron expression read in a time zone: its next times and the slots due in a period. Cronos handles daylight-saving
/// changes: a time the clock skips (02:30 on the night it jumps from 02:00 to 03:00) fires once, at the jump; a time the
/// clock repeats (02:30 on the night it goes back) fires once, the first time (Cronos's documented behaviour for
/// expressions that are not intervals).
/// </summary>
internal sealed class CronSlots
{
    /// <summary>The longest cron expression accepted.</summary>
    public const int MaxExpressionLength = 120;

    /// <summary>The longest time zone name accepted.</summary>
    public const int MaxTimeZoneLength = 64;

    /// <summary>How many coming slots are checked against the minimum interval when a schedule is saved.</summary>
    private const int IntervalCheckSlots = 1000;

    /// <summary>Area/Location names such as Europe/Istanbul, America/Argentina/Buenos_Aires, Etc/GMT+3 or UTC.</summary>
    private static readonly System.Text.RegularExpressions.Regex IanaName = new(@"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private readonly CronExpression _expression;

    private CronSlots(CronExpression expression, TimeZoneInfo zone, string expressionText, string zoneName)
    {
        _expression = expression;
        Zone = zone;
        Expression = expressionText;
        ZoneName = zoneName;
    }

    public TimeZoneInfo Zone { get; }

    public string Expression { get; }

    public string ZoneName { get; }

    /// <summary>
    /// Reads a cron expression and a zone, or says what to change: five fields, a known IANA zone, a time that comes,
    /// and no two slots closer than <paramref name="minimumInterval"/>.
    /// </summary>
    public static (CronSlots? Slots, IReadOnlyList<FieldProblem> Problems) Read(string? cron, string? timeZone, TimeSpan minimumInterval, DateTimeOffset now)
    {
        var problems = new List<FieldProblem>();
        var expression = ParseExpression(cron, problems);
        var zone = FindZone(timeZone, problems);
        if (expression is null || zone is null)
        {
            return (null, problems);
        }
        var slots = new CronSlots(expression, zone, cron!.Trim(), timeZone!.Trim());
        var previous = slots.NextAfter(now);
        if (previous is null)
        {
            return (null, [new FieldProblem("Cron", $"The cron expression '{slots.Expression}' never fires (such as the 30th of February); give a date that comes.")]);
        }
        for (var i = 0; i < IntervalCheckSlots && slots.NextAfter(previous.Value) is { } next; i++, previous = next)
        {
            if (next - previous.Value < minimumInterval)
            {
                return (null, [new FieldProblem("Cron",
                    $"The cron expression '{slots.Expression}' fires {Format(next - previous.Value)} apart (at {previous.Value.UtcDateTime:yyyy-MM-dd HH:mm} and {next.UtcDateTime:HH:mm} UTC); " +
                    $"Herald runs a schedule at most every {Format(minimumInterval)} (Herald:Schedules:MinimumInterval). Fire less often, such as '0 * * * *' for every hour.")]);
            }
        }
        return (slots, []);
    }

    /// <summary>The first slot strictly after <paramref name="from"/>, in UTC; null when none comes.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset from) => _expression.GetNextOccurrence(from, Zone, inclusive: false)?.ToUniversalTime();

    /// <summary>The next <paramref name="count"/> slots after <paramref name="from"/>, in UTC.</summary>
    public IReadOnlyList<DateTimeOffset> Next(DateTimeOffset from, int count)
    {
        var times = new List<DateTimeOffset>(count);
        for (var at = NextAfter(from); at is { } slot && times.Count < count; at = NextAfter(slot))
        {
            times.Add(slot);
        }
        return times;
    }

    /// <summary>
    /// The slots after <paramref name="from"/> up to and including <paramref name="to"/>, oldest first; at most
    /// <paramref name="max"/> of the latest (a long downtime is named by its last slots, and counted).
    /// </summary>
    public (IReadOnlyList<DateTimeOffset> Latest, int Count) DueBetween(DateTimeOffset from, DateTimeOffset to, int max)
    {
        var latest = new Queue<DateTimeOffset>(max);
        var count = 0;
        foreach (var slot in _expression.GetOccurrences(from, to, Zone, fromInclusive: false, toInclusive: true))
        {
            count++;
            if (latest.Count == max)
            {
                latest.Dequeue();
            }
            latest.Enqueue(slot.ToUniversalTime());
        }
        return ([.. latest], count);
    }

    /// <summary>"2026-03-29 03:00 Europe/Berlin (01:00 UTC)": a slot as the schedule's people read it.</summary>
    public string Describe(DateTimeOffset slot) => Zone.BaseUtcOffset == TimeSpan.Zero && !Zone.SupportsDaylightSavingTime
        ? $"{slot.UtcDateTime:yyyy-MM-dd HH:mm} {ZoneName}"
        : $"{TimeZoneInfo.ConvertTime(slot, Zone):yyyy-MM-dd HH:mm} {ZoneName} ({slot.UtcDateTime:HH:mm} UTC)";

    /// <summary>The slot's time on the zone's clock.</summary>
    public DateTimeOffset InZone(DateTimeOffset slot) => TimeZoneInfo.ConvertTime(slot, Zone);

    private static CronExpression? ParseExpression(string? cron, List<FieldProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            problems.Add(new FieldProblem("Cron", "Give a cron expression of five fields (minute hour day-of-month month day-of-week), such as '0 6 * * *' for 06:00 every day."));
            return null;
        }
        if (cron.Length > MaxExpressionLength)
        {
            problems.Add(new FieldProblem("Cron", $"The cron expression is longer than {MaxExpressionLength} characters; give five short fields, such as '0 6 * * *'."));
            return null;
        }
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Length != 5)
        {
            problems.Add(new FieldProblem("Cron",
                $"The cron expression '{cron.Trim()}' has {fields.Length} fields; give five (minute hour day-of-month month day-of-week), such as '0 6 * * *'. Seconds are not supported."));
            return null;
        }
        try
        {
            return CronExpression.Parse(string.Join(' ', fields), CronFormat.Standard);
        }
        catch (CronFormatException invalid)
        {
            problems.Add(new FieldProblem("Cron", $"The cron expression '{cron.Trim()}' is not valid ({invalid.Message.TrimEnd('.')}); give five fields such as '0 6 * * *' or '30 2 * * 1-5'."));
            return null;
        }
    }

    private static TimeZoneInfo? FindZone(string? timeZone, List<FieldProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(timeZone))
        {
            problems.Add(new FieldProblem("TimeZone", "Give the time zone the cron expression is read in, as an IANA name such as Europe/Istanbul, America/New_York or UTC."));
            return null;
        }
        // Only the shape of an IANA name reaches the system's zone look-up (which reads files named after it).
        if (timeZone.Length > MaxTimeZoneLength || !IanaName.IsMatch(timeZone.Trim()) || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone.Trim(), out var zone))
        {
            problems.Add(new FieldProblem("TimeZone",
                $"Unknown time zone '{(timeZone.Length > MaxTimeZoneLength ? timeZone[..MaxTimeZoneLength] + "..." : timeZone.Trim())}'; give an IANA name such as Europe/Istanbul, America/New_York or UTC."));
            return null;
        }
        return zone;
    }

    private static string Format(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } => $"{span.TotalDays:0.##} day(s)",
        { TotalHours: >= 1 } => $"{span.TotalHours:0.##} hour(s)",
        { TotalMinutes: >= 1 } => $"{span.TotalMinutes:0.##} minute(s)",
        _ => $"{span.TotalSeconds:0} second(s)",
    };
}
