using System.Diagnostics;
using DuckDB.NET.Data;
using Herald.Benchmarks.Cases;
using Herald.Benchmarks.Support;
using Herald.Core.Audiences;
using Herald.Core.Runs;
using Herald.Server.Hosting;
using Herald.Sources.DuckDb;
using Herald.Storage.Files;
using Herald.Storage.Secrets;

namespace Herald.Benchmarks.Workers;

/// <summary>What one export step measured in its own process.</summary>
public sealed record ExportMeasurement(double Seconds, long RowsWritten, string File, long Bytes, long PeakMemoryBytes, AudienceCounts? Counts);

/// <summary>The export case's steps, each run in a child process by <see cref="BenchWorker"/>.</summary>
internal static class ExportWorkers
{
    /// <summary>Herald's build and stage steps, as the server's worker runs them, with the server's default source
    /// settings (Herald:Source) or the memory limit and threads given.</summary>
    public static async Task<ExportMeasurement> HeraldAsync(string database, string dataDirectory, string? memoryLimit = null, int? threads = null)
    {
        var defaults = new HeraldOptions().Source;
        var source = new DuckDbAudienceSource(new DuckDbSourceOptions
        {
            DatabasePath = database,
            MemoryLimit = memoryLimit ?? defaults.MemoryLimit,
            TempDirectory = Path.Combine(dataDirectory, "tmp", "duckdb"),
            Threads = threads ?? defaults.Threads,
        });
        var workspace = new LocalRunWorkspace(Path.Combine(dataDirectory, "files"));
        var files = new LocalFileHost(Path.Combine(dataDirectory, "files"), () => new Uri("http://127.0.0.1/"), new UrlSigner(new DirectoryKeyRing(dataDirectory)));
        var runId = Guid.NewGuid();

        var clock = Stopwatch.StartNew();
        var built = workspace.PrepareBuildPath(runId);
        var counts = await source.BuildAsync(new AudienceQuery(ExportSql.Query, "email", Herald.InsiderOne.KnownAttributes.RuleOf("email")), built, CancellationToken.None);
        var staged = await files.PublishAsync(built, StagedFileNames.Of(runId, 1, 1), DateTimeOffset.UtcNow.AddHours(12), CancellationToken.None);
        _ = files.CreateSignedUrl(staged);
        var seconds = clock.Elapsed.TotalSeconds;

        var path = Path.Combine(dataDirectory, "files", "served", staged.FileName);
        return new ExportMeasurement(seconds, counts.ValuesSent, path, staged.Bytes, ProcessMemory.PeakBytes(Environment.ProcessId), counts);
    }

    /// <summary>One hand-written DuckDB statement on the database opened read-only, DuckDB's settings as they come
    /// unless a memory limit is given.</summary>
    public static ExportMeasurement Sql(string database, string outputPath, string kind, string? memoryLimit)
    {
        var clock = Stopwatch.StartNew();
        using var connection = new DuckDBConnection($"Data Source={database};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        if (memoryLimit is not null)
        {
            command.CommandText = $"SET memory_limit = {ExportSql.Literal(memoryLimit)}; SET temp_directory = {ExportSql.Literal(outputPath + ".tmp")}";
            command.ExecuteNonQuery();
        }
        command.CommandText = kind switch
        {
            "equivalent" => ExportSql.Equivalent(outputPath),
            "tuned" => ExportSql.Tuned(outputPath),
            "floor" => ExportSql.Floor(outputPath),
            _ => throw new ArgumentException($"Unknown export kind '{kind}'.", nameof(kind)),
        };
        command.ExecuteNonQuery();
        var seconds = clock.Elapsed.TotalSeconds;
        return new ExportMeasurement(seconds, OneColumnFiles.CountLines(outputPath), outputPath, new FileInfo(outputPath).Length, ProcessMemory.PeakBytes(Environment.ProcessId), null);
    }
}
