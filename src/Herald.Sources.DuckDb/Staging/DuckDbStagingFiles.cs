using Herald.Core.Ports;

namespace Herald.Sources.DuckDb.Staging;

/// <summary>Parquet files for a stage, written by DuckDB's own <c>COPY ... (FORMAT parquet)</c> from rows appended to a
/// scratch DuckDB file in <see cref="DuckDbSourceOptions.TempDirectory"/> (so a large table spills to disk, not memory).</summary>
public sealed class DuckDbStagingFiles(DuckDbSourceOptions options) : IStagingFiles
{
    public IStagingFile Create(IReadOnlyList<string> columns)
    {
        if (columns.Count == 0 || columns.Distinct(StringComparer.OrdinalIgnoreCase).Count() != columns.Count)
        {
            throw new ArgumentException("A staging file needs at least one column, each named once.", nameof(columns));
        }

        var directory = options.TempDirectory is { Length: > 0 } temp ? temp : Path.GetTempPath();
        Directory.CreateDirectory(directory);
        return new DuckDbStagingFile(Path.Combine(directory, "herald-stage-" + Guid.NewGuid().ToString("N")), columns);
    }
}
