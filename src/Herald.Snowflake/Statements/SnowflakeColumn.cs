namespace Herald.Snowflake.Statements;

/// <summary>A column of a result (<c>resultSetMetaData.rowType</c>): Snowflake's lowercase type (<c>fixed</c>,
/// <c>text</c>, <c>timestamp_ntz</c> ...), with precision and scale for <c>fixed</c>.</summary>
public sealed record SnowflakeColumn(string Name, string Type, int? Precision, int? Scale, bool Nullable);
