using System.Diagnostics;
using DuckDB.NET.Data;
using Herald.Benchmarks.Cases;
using Herald.Benchmarks.Support;
using Herald.Core.Updates;
using Herald.Server.Hosting;
using Herald.Sources.DuckDb;

namespace Herald.Benchmarks.Workers;

/// <summary>What one diff (and merge) measured in its own process.</summary>
public sealed record DiffMeasurement(double Seconds, long Added, long Removed, long Kept, long OutputValues, string? Output, long PeakMemoryBytes);

/// <summary>The diff-and-merge case's steps, each run in a child process by <see cref="BenchWorker"/>.</summary>
internal static class DiffMergeWorkers
{
    /// <summary>Herald's comparer with the server's default settings (Herald:Updates), or the memory limit and threads given.</summary>
    public static async Task<DiffMeasurement> HeraldAsync(string before, string after, string mode, string directory, string? memoryLimit, int? threads)
    {
        Directory.CreateDirectory(directory);
        var defaults = new HeraldOptions().Updates;
        var comparer = new DuckDbSegmentComparer(Path.Combine(directory, "tmp"), memoryLimit ?? defaults.MemoryLimit, threads ?? defaults.Threads);
        var output = Path.Combine(directory, "herald.csv");
        var clock = Stopwatch.StartNew();
        var result = await comparer.CompareAsync(before, after, Mode(mode), output, sampleSize: 10, CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        return new DiffMeasurement(seconds, result.Diff.Added, result.Diff.Removed, result.Diff.Kept, result.OutputValues, output,
            ProcessMemory.PeakBytes(Environment.ProcessId));
    }

    /// <summary>The same by hand: three counts with EXCEPT and INTERSECT and, to merge, a COPY of the UNION.</summary>
    public static DiffMeasurement Sql(string before, string after, string mode, string directory, string? memoryLimit)
    {
        var clock = Stopwatch.StartNew();
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        if (memoryLimit is not null)
        {
            Scalar(connection, $"SET memory_limit = {ExportSql.Literal(memoryLimit)}");
            Scalar(connection, $"SET temp_directory = {ExportSql.Literal(Path.Combine(directory, "tmp"))}");
        }
        var b = DiffMergeSql.Values(before);
        var a = DiffMergeSql.Values(after);
        var added = Scalar(connection, $"SELECT count(*) FROM ({a} EXCEPT {b})");
        var removed = Scalar(connection, $"SELECT count(*) FROM ({b} EXCEPT {a})");
        var kept = Scalar(connection, $"SELECT count(*) FROM ({b} INTERSECT {a})");
        string? output = null;
        if (Mode(mode) == SegmentUpdateMode.Add)
        {
            output = Path.Combine(directory, "reference.csv");
            Scalar(connection, $"COPY ({b} UNION {a}) TO {ExportSql.Literal(output)} (FORMAT csv, HEADER false)");
        }
        var seconds = clock.Elapsed.TotalSeconds;
        // Counted after the clock stops: the merged file's lines, and the difference as an add reports it
        // (nothing leaves the segment; every value it held stays).
        return Mode(mode) == SegmentUpdateMode.Add
            ? new DiffMeasurement(seconds, added, 0, removed + kept, OneColumnFiles.CountLines(output!), output, ProcessMemory.PeakBytes(Environment.ProcessId))
            : new DiffMeasurement(seconds, added, removed, kept, added + kept, output, ProcessMemory.PeakBytes(Environment.ProcessId));
    }

    private static SegmentUpdateMode Mode(string mode) => SegmentUpdateModes.TryParse(mode, out var parsed)
        ? parsed
        : throw new ArgumentException($"Unknown update mode '{mode}'.", nameof(mode));

    private static long Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }
}
