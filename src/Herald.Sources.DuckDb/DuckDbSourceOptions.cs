namespace Herald.Sources.DuckDb;

/// <summary>How Herald opens the customer 360 DuckDB file.</summary>
public sealed record DuckDbSourceOptions
{
    /// <summary>The DuckDB file; opened read-only, so views over the user's Parquet or CSV files work too.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>
    /// The only folders a query may read files from (DuckDB's <c>allowed_directories</c>), as absolute paths.
    /// Everything else on the disk, and every URL, is refused (Herald:Source:AllowedDirectories).
    /// </summary>
    public IReadOnlyList<string> AllowedDirectories { get; init; } = [];

    /// <summary>DuckDB's own memory ceiling (its <c>memory_limit</c>); beyond it DuckDB spills to <see cref="TempDirectory"/>.</summary>
    public string MemoryLimit { get; init; } = "160MB";

    /// <summary>
    /// Where DuckDB spills; each session spills into its own subfolder, deleted when it ends, so one query can never
    /// read another's spill files.
    /// </summary>
    public required string TempDirectory { get; init; }

    /// <summary>DuckDB's cap on spill files (its <c>max_temp_directory_size</c>), so no query can fill the disk (Herald:Source:MaxTempDirectorySize).</summary>
    public string MaxTempDirectorySize { get; init; } = "2GB";

    /// <summary>DuckDB worker threads; 0 lets DuckDB use every core.</summary>
    public int Threads { get; init; }

    /// <summary>How long one query (a preview, or the build of an audience) may run before DuckDB is interrupted (Herald:Source:QueryTimeout).</summary>
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The clock the query deadline is measured on.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Characters kept of one cell of a preview; longer values are cut (Herald:Source:PreviewMaxCellChars).</summary>
    public int PreviewMaxCellChars { get; init; } = 1_000;

    /// <summary>Characters of cell text one preview may hold in all; rows past it are left out (Herald:Source:PreviewMaxChars).</summary>
    public int PreviewMaxChars { get; init; } = 256 * 1024;

    /// <summary>Columns the description of the customer 360 lists at most, table by table (Herald:Source:SchemaMaxColumns).</summary>
    public int SchemaMaxColumns { get; init; } = 2_000;
}
