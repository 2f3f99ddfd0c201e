using System.Globalization;

namespace Herald.Snowflake.Publishing;

/// <summary>
/// Timestamps as microseconds since 1970-01-01 in UTC wall-clock time, the precision both sides keep, so that a
/// version read back from Snowflake compares equal to the one Herald sent.
/// </summary>
internal static class TimestampMicros
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary>From a value Herald sends (DateTime as given; DateTimeOffset in UTC), or null for anything else.</summary>
    public static long? FromValue(object? value) => value switch
    {
        DateTime moment => (AsUtc(moment).Ticks - DateTime.UnixEpoch.Ticks) / TicksPerMicrosecond,
        DateTimeOffset moment => (moment.UtcTicks - DateTime.UnixEpoch.Ticks) / TicksPerMicrosecond,
        _ => null,
    };

    /// <summary>A DateTime as UTC wall-clock time: local ones are converted, unspecified and UTC ones taken as they are.</summary>
    public static DateTime AsUtc(DateTime moment) => moment.Kind == DateTimeKind.Local ? moment.ToUniversalTime() : moment;

    /// <summary>From a <c>jsonv2</c> timestamp: seconds since the epoch with up to 9 decimals, and for
    /// <c>timestamp_tz</c> a space and an offset that is not needed here (the seconds are UTC already).</summary>
    public static long? FromJsonV2(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var seconds = value.Split(' ')[0];
        var dot = seconds.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? seconds : seconds[..dot];
        var fraction = dot < 0 ? "" : seconds[(dot + 1)..];
        if (!long.TryParse(whole, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) || fraction.Any(c => !char.IsAsciiDigit(c)))
        {
            return null;
        }

        var micros = long.Parse((fraction + "000000")[..6], CultureInfo.InvariantCulture);
        return s * 1_000_000 + micros;
    }
}
