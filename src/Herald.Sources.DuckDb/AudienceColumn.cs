namespace Herald.Sources.DuckDb;

/// <summary>The query's one column as DuckDB describes it, e.g. <c>uuid</c> of type <c>DOUBLE</c> or <c>DECIMAL(18,2)</c>.</summary>
internal sealed record AudienceColumn(string Name, string EngineType)
{
    public bool IsFloat => EngineType is "FLOAT" or "DOUBLE" or "REAL";

    public bool IsDecimal => EngineType.StartsWith("DECIMAL", StringComparison.Ordinal);

    /// <summary>A timestamp without a time zone: its midnight is the date the user meant.</summary>
    public bool IsLocalTimestamp => EngineType is "TIMESTAMP" or "TIMESTAMP_S" or "TIMESTAMP_MS" or "TIMESTAMP_NS" or "DATETIME";

    public bool IsZonedTimestamp => EngineType is "TIMESTAMP WITH TIME ZONE" or "TIMESTAMPTZ";

    /// <summary>
    /// The largest whole number the type holds exactly, beyond which "whole" says nothing about what was written
    /// (2^24 for FLOAT, 2^53 for DOUBLE); null for exact types.
    /// </summary>
    public string? LargestExactWhole => EngineType switch
    {
        "FLOAT" or "REAL" => "16777216",
        "DOUBLE" => "9007199254740992",
        _ => null,
    };
}
