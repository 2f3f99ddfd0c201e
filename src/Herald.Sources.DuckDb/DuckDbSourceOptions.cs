namespace Herald.Sources.DuckDb;

/// <summary>How Herald opens the customer 360 DuckDB file.</summary>
public sealed record DuckDbSourceOptions
{
    /// <summary>The DuckDB file; opened read-only, so views over the user's Parquet or CSV files work too.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>DuckDB's own memory ceiling (its <c>memory_limit</c>); beyond it DuckDB spills to <see cref="TempDirectory"/>.</summary>
    public string MemoryLimit { get; init; } = "160MB";

    public required string TempDirectory { get; init; }

    /// <summary>DuckDB worker threads; 0 lets DuckDB use every core.</summary>
    public int Threads { get; init; }
}
