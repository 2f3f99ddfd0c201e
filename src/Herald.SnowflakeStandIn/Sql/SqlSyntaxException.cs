namespace Herald.SnowflakeStandIn.Sql;

/// <summary>Statement text the stand-in cannot read, reported as Snowflake reports a compilation error.</summary>
internal sealed class SqlSyntaxException(string message) : Exception(message);
