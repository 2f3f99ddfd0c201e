using Herald.Core.Audiences;

namespace Herald.Application.Segments;

/// <summary>
/// Which columns of the identity table can carry an attribute's values, by the engine's type name (DuckDB's, which
/// PostgreSQL's and Snowflake's names for the same kinds resemble): text for emails, phone numbers, country codes and
/// free text; numbers for numbers; dates and timestamps for dates; booleans for booleans.
/// </summary>
internal static class IdentifierColumnTypes
{
    private static readonly string[] TextTypes = ["VARCHAR", "TEXT", "STRING", "CHAR", "BPCHAR"];
    private static readonly string[] NumberTypes =
        ["TINYINT", "SMALLINT", "INTEGER", "INT", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT", "FLOAT", "REAL", "DOUBLE", "DECIMAL", "NUMERIC", "NUMBER"];

    public static bool Fits(AttributeType attribute, string engineType)
    {
        var type = engineType.Trim().ToUpperInvariant();
        var bare = type.Split('(', 2)[0].Trim();
        return attribute switch
        {
            AttributeType.Number => NumberTypes.Contains(bare, StringComparer.Ordinal),
            AttributeType.Date => bare == "DATE" || bare.StartsWith("TIMESTAMP", StringComparison.Ordinal),
            AttributeType.Boolean => bare is "BOOLEAN" or "BOOL",
            _ => IsText(type),
        };
    }

    public static bool IsText(string engineType) => TextTypes.Contains(engineType.Trim().ToUpperInvariant().Split('(', 2)[0].Trim(), StringComparer.Ordinal);

    /// <summary>What columns an attribute of <paramref name="attribute"/> takes, in words for a message.</summary>
    public static string Describe(AttributeType attribute) => attribute switch
    {
        AttributeType.Number => "a number column",
        AttributeType.Date => "a date or timestamp column",
        AttributeType.Boolean => "a boolean column",
        AttributeType.Email => "a text column holding email addresses",
        AttributeType.PhoneNumber => "a text column holding phone numbers",
        _ => "a text column",
    };

    /// <summary>The word a column's name holds when it carries an attribute of that kind (email, phone); null for any column of the type.</summary>
    public static string? NameHint(AttributeType attribute) => attribute switch
    {
        AttributeType.Email => "email",
        AttributeType.PhoneNumber => "phone",
        _ => null,
    };
}
