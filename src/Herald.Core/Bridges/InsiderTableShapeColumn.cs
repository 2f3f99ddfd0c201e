namespace Herald.Core.Bridges;

/// <summary>A column of a built table.</summary>
/// <param name="TargetType">The Snowflake type it is published as (VARCHAR, NUMBER(p,s), FLOAT, BOOLEAN, DATE, TIMESTAMP_NTZ, TIMESTAMP_TZ).</param>
public sealed record InsiderTableShapeColumn(string Name, string TargetType);
