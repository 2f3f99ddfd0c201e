namespace Herald.Sources.DuckDb.InsiderTables;

/// <summary>The DuckDB type family a required column of an Insider One table must have.</summary>
public enum InsiderColumnKind
{
    /// <summary>VARCHAR.</summary>
    Text,

    /// <summary>TIMESTAMP or TIMESTAMP WITH TIME ZONE (published as TIMESTAMP_NTZ / TIMESTAMP_TZ).</summary>
    Timestamp,
}
