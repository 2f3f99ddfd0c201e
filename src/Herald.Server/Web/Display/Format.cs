using System.Globalization;

namespace Herald.Server.Web.Display;

/// <summary>How times, durations and counts read on the pages: UTC, invariant, short.</summary>
internal static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", Invariant) + " UTC";

    public static string IsoTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", Invariant);

    public static string ShortTime(DateTimeOffset at, DateTimeOffset now) =>
        at.UtcDateTime.Date == now.UtcDateTime.Date
            ? at.UtcDateTime.ToString("HH:mm:ss", Invariant)
            : at.UtcDateTime.ToString("MMM d, HH:mm", Invariant);

    public static string Ago(DateTimeOffset at, DateTimeOffset now)
    {
        var elapsed = now - at;
        return elapsed switch
        {
            { TotalSeconds: < 5 } => "just now",
            { TotalMinutes: < 1 } => $"{(int)elapsed.TotalSeconds} s ago",
            { TotalHours: < 1 } => $"{(int)elapsed.TotalMinutes} min ago",
            { TotalDays: < 1 } => $"{(int)elapsed.TotalHours} h ago",
            { TotalDays: < 60 } => $"{(int)elapsed.TotalDays} d ago",
            _ => at.UtcDateTime.ToString("yyyy-MM-dd", Invariant),
        };
    }

    public static string Duration(TimeSpan duration) => duration switch
    {
        { TotalSeconds: < 1 } => $"{Math.Max(0, (int)duration.TotalMilliseconds)} ms",
        { TotalMinutes: < 1 } => $"{duration.TotalSeconds.ToString("0.0", Invariant)} s",
        { TotalHours: < 1 } => $"{(int)duration.TotalMinutes} min {duration.Seconds} s",
        _ => $"{(int)duration.TotalHours} h {duration.Minutes} min",
    };

    public static string Count(long count) => count.ToString("N0", Invariant);

    public static string ShortId(Guid id) => id.ToString("N")[..8];

    public static string StateLabel(string state) => state switch
    {
        "awaiting_report" => "awaiting report",
        _ => state,
    };

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => $"{(bytes / 1024.0).ToString("0.#", Invariant)} KB",
        _ => $"{(bytes / (1024.0 * 1024)).ToString("0.##", Invariant)} MB",
    };
}
