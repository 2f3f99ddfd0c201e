using System.Globalization;
using System.Numerics;

namespace Herald.SnowflakeStandIn.Engine;

/// <summary>
/// DuckDB values as Snowflake's <c>jsonv2</c> cells: every value a string (SQL API reference, "Handling responses"):
/// numbers in decimal, booleans <c>true</c>/<c>false</c>, dates as days since 1970-01-01, times and timestamps
/// without time zone as seconds since the epoch with 9 decimals, timestamps with time zone followed by a space and
/// the offset in minutes plus 1440, binary as hex.
/// </summary>
internal static class JsonV2Cells
{
    private static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>The column a DuckDB column becomes, from its DuckDB type name and .NET type.</summary>
    public static ResultColumn ColumnOf(string name, string duckDbTypeName, Type clrType)
    {
        var type = duckDbTypeName.ToUpperInvariant();
        if (type.StartsWith("DECIMAL", StringComparison.Ordinal) || clrType == typeof(decimal))
        {
            var (precision, scale) = DecimalShape(type);
            return new ResultColumn(name, "fixed", precision, scale);
        }

        return Type.GetTypeCode(clrType) switch
        {
            TypeCode.Boolean => new ResultColumn(name, "boolean"),
            TypeCode.SByte or TypeCode.Byte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32
                or TypeCode.Int64 or TypeCode.UInt64 => new ResultColumn(name, "fixed", 38, 0),
            TypeCode.Single or TypeCode.Double => new ResultColumn(name, "real"),
            _ when clrType == typeof(BigInteger) => new ResultColumn(name, "fixed", 38, 0),
            _ when type.Contains("TIME ZONE") || type.Contains("TIMESTAMPTZ") || type.Contains("WITHTIMEZONE") || clrType == typeof(DateTimeOffset)
                => new ResultColumn(name, "timestamp_tz", 0, 9),
            _ when type.StartsWith("DATE", StringComparison.Ordinal) && !type.StartsWith("DATETIME", StringComparison.Ordinal) || clrType == typeof(DateOnly)
                => new ResultColumn(name, "date"),
            _ when type.StartsWith("TIMESTAMP", StringComparison.Ordinal) || clrType == typeof(DateTime)
                => new ResultColumn(name, "timestamp_ntz", 0, 9),
            _ when type.StartsWith("TIME", StringComparison.Ordinal) || clrType == typeof(TimeOnly) || clrType == typeof(TimeSpan)
                => new ResultColumn(name, "time", 0, 9),
            _ when clrType == typeof(byte[]) || clrType == typeof(Stream) => new ResultColumn(name, "binary"),
            _ => new ResultColumn(name, "text"),
        };
    }

    public static string? Format(object? value, ResultColumn column) => value switch
    {
        null or DBNull => null,
        string text => text,
        bool flag => flag ? "true" : "false",
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        float number => number.ToString("R", CultureInfo.InvariantCulture),
        DateOnly date => (date.DayNumber - DateOnly.FromDateTime(Epoch).DayNumber).ToString(CultureInfo.InvariantCulture),
        DateTime dateTime when column.Type == "date" => ((long)(dateTime.Date - Epoch).TotalDays).ToString(CultureInfo.InvariantCulture),
        // DuckDB keeps a TIMESTAMPTZ's instant, not its offset: the stand-in reports every one at UTC (1440 = offset 0).
        DateTime dateTime when column.Type == "timestamp_tz" => Seconds((dateTime.Kind == DateTimeKind.Local ? dateTime.ToUniversalTime() : dateTime).Ticks - Epoch.Ticks) + " 1440",
        DateTime dateTime => Seconds(dateTime.Ticks - Epoch.Ticks),
        DateTimeOffset moment => Seconds(moment.UtcTicks - Epoch.Ticks) + " " + ((int)moment.Offset.TotalMinutes + 1440).ToString(CultureInfo.InvariantCulture),
        TimeOnly time => Seconds(time.Ticks),
        TimeSpan span => Seconds(span.Ticks),
        byte[] bytes => Convert.ToHexString(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>Seconds with 9 decimals from 100 ns ticks (DuckDB keeps microseconds, so the last digits are zeros).</summary>
    private static string Seconds(long ticks)
    {
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TimeSpan.TicksPerSecond;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{seconds}.{remainder * 100:D9}");
    }

    private static (int Precision, int Scale) DecimalShape(string type)
    {
        var open = type.IndexOf('(');
        var close = type.IndexOf(')');
        if (open < 0 || close < open)
        {
            return (38, 0);
        }

        var parts = type[(open + 1)..close].Split(',');
        return parts.Length == 2 && int.TryParse(parts[0], out var precision) && int.TryParse(parts[1], out var scale)
            ? (precision, scale)
            : (38, 0);
    }
}
