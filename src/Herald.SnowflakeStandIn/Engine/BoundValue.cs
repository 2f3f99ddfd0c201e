namespace Herald.SnowflakeStandIn.Engine;

/// <summary>One bind variable as the request sent it: Snowflake's type name (<c>TEXT</c>, <c>FIXED</c>, ...) and its value,
/// always a string or null.</summary>
internal sealed record BoundValue(string Type, string? Value);
