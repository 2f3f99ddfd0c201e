namespace Herald.SnowflakeStandIn.Engine;

/// <summary>One entry of <c>resultSetMetaData.rowType</c>: Snowflake's lowercase type name (<c>fixed</c>, <c>real</c>,
/// <c>text</c>, <c>boolean</c>, <c>date</c>, <c>time</c>, <c>timestamp_ntz</c>, <c>timestamp_tz</c>, <c>binary</c>,
/// <c>variant</c>) with precision and scale for <c>fixed</c>.</summary>
internal sealed record ResultColumn(string Name, string Type, int? Precision = null, int? Scale = null, bool Nullable = true)
{
    public static ResultColumn Text(string name) => new(name, "text");

    public static ResultColumn Count(string name) => new(name, "fixed", 19, 0, false);
}
