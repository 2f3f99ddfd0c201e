using System.Globalization;

namespace Herald.Server.Web.Display;

/// <summary>
/// The run history's date filters, in UTC as every page shows times: today, yesterday, the last 7 days, or a range of
/// days; and a search for a date written the way the pages write it ("2026-11-29", "Nov 29", "Nov 29, 14:03").
/// </summary>
internal static class HistoryDates
{
    public static readonly IReadOnlyList<(string Key, string Label)> Choices =
        [("", "Any time"), ("today", "Today"), ("yesterday", "Yesterday"), ("7d", "Last 7 days"), ("range", "Between dates")];

    private static readonly string[] DayFormats = ["yyyy-MM-dd", "MMM d", "MMM d yyyy", "MMM d, yyyy", "d MMM", "d MMM yyyy"];
    private static readonly string[] MinuteFormats = ["MMM d, HH:mm", "yyyy-MM-dd HH:mm"];

    /// <summary>The creation times a choice covers (start inclusive, end exclusive), or a problem to show beside the fields.</summary>
    public static (DateTimeOffset? From, DateTimeOffset? Before, string? Problem) Range(string? when, string? from, string? to, DateTimeOffset now)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        switch (when)
        {
            case "today":
                return (today, today.AddDays(1), null);
            case "yesterday":
                return (today.AddDays(-1), today, null);
            case "7d":
                return (today.AddDays(-6), today.AddDays(1), null);
        }
        if (when is not ("range" or "" or null) )
        {
            return (null, null, $"Unknown time filter '{when}'; choose one of the list.");
        }
        if (string.IsNullOrWhiteSpace(from) && string.IsNullOrWhiteSpace(to))
        {
            return (null, null, when == "range" ? "Give a first day, a last day, or both (YYYY-MM-DD)." : null);
        }
        DateTimeOffset? start = null, end = null;
        if (!string.IsNullOrWhiteSpace(from))
        {
            if (!TryDay(from, out var day))
            {
                return (null, null, $"'{from}' is not a day; write it as YYYY-MM-DD.");
            }
            start = day;
        }
        if (!string.IsNullOrWhiteSpace(to))
        {
            if (!TryDay(to, out var day))
            {
                return (null, null, $"'{to}' is not a day; write it as YYYY-MM-DD.");
            }
            end = day.AddDays(1);
        }
        return start > end ? (null, null, "The first day comes after the last day; swap them.") : (start, end, null);
    }

    /// <summary>
    /// A search that is a date as the pages show it becomes the day (or minute) it names; a day written without a year is
    /// the latest such day not after today.
    /// </summary>
    public static bool TrySearch(string? search, DateTimeOffset now, out DateTimeOffset from, out DateTimeOffset before)
    {
        try
        {
            return TrySearchCore(search, now, out from, out before);
        }
        catch (ArgumentOutOfRangeException)
        {
            // "Feb 29" in a year without one: not a day to search for.
            from = before = default;
            return false;
        }
    }

    private static bool TrySearchCore(string? search, DateTimeOffset now, out DateTimeOffset from, out DateTimeOffset before)
    {
        from = before = default;
        var text = search?.Trim().TrimEnd('.') ?? "";
        if (text.EndsWith(" UTC", StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^4];
        }
        if (DateTime.TryParseExact(text, MinuteFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var minute))
        {
            from = Latest(minute, now, hasYear: text.Contains('-'));
            before = from.AddMinutes(1);
            return true;
        }
        if (DateTime.TryParseExact(text, DayFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var day))
        {
            from = Latest(day.Date, now, hasYear: text.Any(char.IsDigit) && text.Split([' ', '-', ','], StringSplitOptions.RemoveEmptyEntries).Any(p => p.Length == 4));
            before = from.AddDays(1);
            return true;
        }
        return false;
    }

    private static bool TryDay(string text, out DateTimeOffset day)
    {
        var parsed = DateTime.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
        day = parsed ? new DateTimeOffset(date, TimeSpan.Zero) : default;
        return parsed;
    }

    private static DateTimeOffset Latest(DateTime parsed, DateTimeOffset now, bool hasYear)
    {
        var at = new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Utc));
        if (!hasYear)
        {
            at = new DateTimeOffset(new DateTime(now.UtcDateTime.Year, parsed.Month, parsed.Day, parsed.Hour, parsed.Minute, 0, DateTimeKind.Utc));
            if (at > now)
            {
                at = at.AddYears(-1);
            }
        }
        return at;
    }
}
