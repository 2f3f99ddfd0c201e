using System.Globalization;

namespace Herald.Snowflake.Publishing;

/// <summary>
/// A row's values as the text Snowflake casts to each column's type on insert (its default input formats: ISO 8601
/// dates and timestamps, '.' decimals). Values are bound, never written into SQL text.
/// </summary>
internal static class RowValues
{
    /// <exception cref="SnowflakeException">The row has the wrong number of values, or a value of a type Herald cannot send.</exception>
    public static string?[] Format(object?[] row, TableDefinition table, long rowNumber)
    {
        if (row.Length != table.Columns.Count)
        {
            throw Invalid(table, rowNumber, $"it has {row.Length} values for {table.Columns.Count} columns");
        }

        var values = new string?[row.Length];
        for (var i = 0; i < row.Length; i++)
        {
            var column = table.Columns[i];
            values[i] = row[i] switch
            {
                null or DBNull => null,
                string text => text,
                bool flag => flag ? "TRUE" : "FALSE",
                DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                DateTime moment when column.Type.Equals("DATE", StringComparison.OrdinalIgnoreCase) => moment.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                // A DateTime is UTC wall-clock time (a local one is converted); into TIMESTAMP_TZ it goes as ISO 8601 with +00:00,
                // or Snowflake would read it in the session's time zone.
                DateTime moment when column.Type.Equals("TIMESTAMP_TZ", StringComparison.OrdinalIgnoreCase) =>
                    TimestampMicros.AsUtc(moment).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00:00",
                DateTime moment => TimestampMicros.AsUtc(moment).ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
                DateTimeOffset moment when column.Type.Equals("TIMESTAMP_TZ", StringComparison.OrdinalIgnoreCase) =>
                    moment.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture),
                DateTimeOffset moment => moment.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
                Guid id => id.ToString("D"),
                double number when !double.IsFinite(number) => throw Invalid(table, rowNumber, $"'{column.Name}' is {number}, which Herald does not send"),
                float number when !float.IsFinite(number) => throw Invalid(table, rowNumber, $"'{column.Name}' is {number}, which Herald does not send"),
                sbyte or byte or short or ushort or int or uint or long or ulong or decimal or double or float =>
                    Convert.ToString(row[i], CultureInfo.InvariantCulture),
                var other => throw Invalid(table, rowNumber, $"'{column.Name}' holds a {other.GetType().Name}, which Herald does not send"),
            };
        }

        if (values[table.IndexOf(table.KeyColumn)] is null)
        {
            throw Invalid(table, rowNumber, $"its key '{table.KeyColumn}' is empty");
        }

        return values;
    }

    private static SnowflakeException Invalid(TableDefinition table, long rowNumber, string why) =>
        new(SnowflakeFailureKind.Input, $"Row {rowNumber:N0} of '{table.Name}' cannot be published: {why}. Fix the table's SQL; nothing of this version was published.");
}
