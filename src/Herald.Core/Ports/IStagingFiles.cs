namespace Herald.Core.Ports;

/// <summary>
/// Writes rows of text into local Parquet files for a stage (snowflake.md, "Large tables: write Parquet to an
/// S3-compatible stage ... then COPY INTO"): every column is text, named as given, so the target's own casts apply as
/// they do to bound values. Files are temporary: each is deleted when disposed.
/// </summary>
public interface IStagingFiles
{
    /// <summary>Starts a file with these column names (at least one, each once).</summary>
    IStagingFile Create(IReadOnlyList<string> columns);
}

/// <summary>One Parquet file being written: rows are appended, then <see cref="CompleteAsync"/> writes the file.
/// Disposing deletes whatever was written.</summary>
public interface IStagingFile : IAsyncDisposable
{
    /// <summary>Rows appended so far.</summary>
    long Rows { get; }

    /// <summary>Appends one row, a value (or null) per column in order.</summary>
    void Append(IReadOnlyList<string?> row);

    /// <summary>Writes the Parquet file and gives its path; nothing may be appended after.</summary>
    Task<string> CompleteAsync(CancellationToken cancellationToken);
}
