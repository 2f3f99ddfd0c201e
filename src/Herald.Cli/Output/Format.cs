using System.Globalization;

namespace Herald.Cli.Output;

/// <summary>How numbers, times and durations read in human output: invariant, so logs look the same everywhere.</summary>
internal static class Format
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset value) =>
        value.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan value) => value.TotalSeconds switch
    {
        < 60 => $"{value.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s",
        < 3600 => $"{(int)value.TotalMinutes} min {value.Seconds} s",
        _ => $"{(int)value.TotalHours} h {value.Minutes} min",
    };
}
