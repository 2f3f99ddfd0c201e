namespace Herald.SnowflakeStandIn.Sql;

/// <summary>A statement ready to run: its kind, the DuckDB text for those DuckDB runs, and the original tokens for those
/// the stand-in answers itself (shares, grants).</summary>
internal sealed record TranslatedStatement(StatementKind Kind, string DuckDbText, SqlStatement Original, bool IfExists = false);
