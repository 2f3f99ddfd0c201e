namespace Herald.Sources.DuckDb.InsiderTables;

/// <summary>A column a template returns: its name, DuckDB's type for it, and the Snowflake type it is published as
/// (null when Herald cannot publish that type; the check then says so).</summary>
public sealed record InsiderTableColumn(string Name, string DuckDbType, string? SnowflakeType);
