using System.Text.RegularExpressions;

namespace Herald.Sources.DuckDb.InsiderTables;

/// <summary>
/// The Snowflake type a DuckDB column is published as: VARCHAR, NUMBER(p,s), FLOAT, BOOLEAN, DATE, TIMESTAMP_NTZ or
/// TIMESTAMP_TZ, the types Herald's table publisher accepts. Anything else (lists, structs, blobs, intervals) has no
/// faithful Snowflake column and gets null, so the check names the column instead of a load failing half-way.
/// </summary>
internal static partial class SnowflakeTypeOf
{
    public static string? DuckDbType(string duckDbType) => duckDbType.ToUpperInvariant() switch
    {
        "VARCHAR" => "VARCHAR",
        "BOOLEAN" => "BOOLEAN",
        "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "UTINYINT" or "USMALLINT" or "UINTEGER" => "NUMBER(38,0)",
        "FLOAT" or "DOUBLE" => "FLOAT",
        "DATE" => "DATE",
        "TIMESTAMP" => "TIMESTAMP_NTZ",
        "TIMESTAMP WITH TIME ZONE" => "TIMESTAMP_TZ",
        var other when Decimal().Match(other) is { Success: true } decimalType =>
            $"NUMBER({decimalType.Groups[1].Value},{decimalType.Groups[2].Value})",
        _ => null,
    };

    public static InsiderColumnKind? KindOf(string duckDbType) => DuckDbType(duckDbType) switch
    {
        "VARCHAR" => InsiderColumnKind.Text,
        "TIMESTAMP_NTZ" or "TIMESTAMP_TZ" => InsiderColumnKind.Timestamp,
        _ => null,
    };

    [GeneratedRegex(@"^DECIMAL\((\d{1,2}),(\d{1,2})\)$")]
    private static partial Regex Decimal();
}
