using DuckDB.NET.Data;

namespace Herald.SnowflakeStandIn.Engine;

/// <summary>DuckDB's errors as the Snowflake errors they stand for.</summary>
internal static class DuckDbErrors
{
    public static StatementFailure ToFailure(DuckDBException exception)
    {
        var message = exception.Message;
        if (message.Contains("Parser Error", StringComparison.OrdinalIgnoreCase))
        {
            return StatementFailure.Compilation(message);
        }

        if (message.Contains("Catalog Error", StringComparison.OrdinalIgnoreCase))
        {
            return new StatementFailure("002003", "42S02", "SQL compilation error:\n" + message);
        }

        if (message.Contains("Conversion Error", StringComparison.OrdinalIgnoreCase) || message.Contains("Could not convert", StringComparison.OrdinalIgnoreCase))
        {
            return new StatementFailure("100038", "22018", "Numeric value or date is not recognized: " + message);
        }

        if (message.Contains("Constraint Error", StringComparison.OrdinalIgnoreCase))
        {
            return new StatementFailure("100072", "22000", message);
        }

        if (message.Contains("Binder Error", StringComparison.OrdinalIgnoreCase))
        {
            return new StatementFailure("000904", "42000", "SQL compilation error:\n" + message);
        }

        return StatementFailure.Execution(message);
    }
}
