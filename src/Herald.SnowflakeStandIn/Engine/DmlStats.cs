namespace Herald.SnowflakeStandIn.Engine;

/// <summary>The <c>stats</c> object Snowflake adds to a DML statement's answer.</summary>
internal sealed record DmlStats(long Inserted, long Updated, long Deleted);
