using DuckDB.NET.Data;
using Herald.Core.Ports;

namespace Herald.Sources.DuckDb.Staging;

/// <summary>One staging file: a scratch DuckDB database of text columns filled by the appender, copied out as Parquet.
/// Both files are deleted on disposal.</summary>
internal sealed class DuckDbStagingFile : IStagingFile
{
    private readonly string basePath;
    private readonly DuckDBConnection connection;
    private DuckDBAppender? appender;

    public DuckDbStagingFile(string basePath, IReadOnlyList<string> columns)
    {
        this.basePath = basePath;
        connection = new DuckDBConnection($"Data Source={basePath}.duckdb");
        connection.Open();
        Execute("SET threads = 1");
        Execute($"CREATE TABLE rows ({string.Join(", ", columns.Select(column => SqlText.Identifier(column) + " VARCHAR"))})");
        appender = connection.CreateAppender("rows");
    }

    public long Rows { get; private set; }

    public void Append(IReadOnlyList<string?> row)
    {
        var appending = (appender ?? throw new InvalidOperationException("The staging file is complete.")).CreateRow();
        foreach (var value in row)
        {
            appending = value is null ? appending.AppendNullValue() : appending.AppendValue(value);
        }

        appending.EndRow();
        Rows++;
    }

    public Task<string> CompleteAsync(CancellationToken cancellationToken) => Task.Run(() =>
    {
        appender?.Dispose();
        appender = null;
        var parquet = basePath + ".parquet";
        Execute($"COPY rows TO {SqlText.Literal(parquet)} (FORMAT parquet, COMPRESSION zstd)");
        return parquet;
    }, cancellationToken);

    public ValueTask DisposeAsync()
    {
        appender?.Dispose();
        connection.Dispose();
        foreach (var path in new[] { basePath + ".duckdb", basePath + ".duckdb.wal", basePath + ".parquet" })
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // The temp directory is Herald's own; a file left behind is removed with it.
            }
        }

        return ValueTask.CompletedTask;
    }

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
