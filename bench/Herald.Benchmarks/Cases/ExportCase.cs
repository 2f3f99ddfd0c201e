using Herald.Benchmarks.Support;
using Herald.Benchmarks.Workers;
using Herald.Server.Hosting;

namespace Herald.Benchmarks.Cases;

/// <summary>
/// Case 1. An audience of every email of the sample customer 360 at a given size, through Herald's build and
/// stage steps, against the hand-written DuckDB <c>COPY (SELECT DISTINCT ...)</c> that writes the same file
/// and against the raw <c>COPY (query) TO</c> floor. Each step runs in a fresh process, so its peak memory is its own.
/// </summary>
public sealed class ExportCase(int customers, int repeats = 1) : IBenchmarkCase
{
    public string Name => $"export-{SizeLabel.Of(customers)}";

    public string Description => $"{customers:N0} emails to the staged CSV: Herald's build+stage vs DuckDB's own COPY (SELECT DISTINCT ...) TO";

    /// <summary>How Herald's staged file compared with the equivalent's in the last run.</summary>
    public OneColumnFiles.Comparison? LastComparison { get; private set; }

    public async Task<IReadOnlyList<BenchmarkResult>> RunAsync(BenchmarkRun run, CancellationToken cancellationToken)
    {
        var database = await SampleCache.GetAsync(run.WorkDirectory, customers, run.Log, cancellationToken);
        using var scratch = run.Scratch(Name);
        var herald = new List<ExportMeasurement>();
        var equivalent = new List<ExportMeasurement>();
        var bounded = new List<ExportMeasurement>();
        var floor = new List<ExportMeasurement>();
        var tuned = new List<ExportMeasurement>();
        var memoryLimit = new HeraldOptions().Source.MemoryLimit;

        for (var i = 0; i < repeats; i++)
        {
            // The floor first: it reads every row, so the database file is in the page cache for all that follow.
            floor.Add(await SqlAsync(database, scratch.Combine($"floor-{i}.csv"), "floor", null, cancellationToken));
            equivalent.Add(await SqlAsync(database, scratch.Combine($"equivalent-{i}.csv"), "equivalent", null, cancellationToken));
            herald.Add(await BenchWorker.RunAsync<ExportMeasurement>(["export-herald", database, scratch.Combine($"herald-{i}")], cancellationToken));
            bounded.Add(await SqlAsync(database, scratch.Combine($"bounded-{i}.csv"), "equivalent", memoryLimit, cancellationToken));
            tuned.Add(await SqlAsync(database, scratch.Combine($"tuned-{i}.csv"), "tuned", null, cancellationToken));

            var comparison = OneColumnFiles.Compare(herald[i].File, equivalent[i].File, scratch.Path);
            if (!comparison.Same)
            {
                throw new BenchmarkFailedException($"{Name}: Herald's staged file differs from the hand-written equivalent's: {comparison}.");
            }
            var tunedComparison = OneColumnFiles.Compare(tuned[i].File, equivalent[i].File, scratch.Path);
            if (!tunedComparison.Same)
            {
                throw new BenchmarkFailedException($"{Name}: the tuned statement's file differs from the equivalent's: {tunedComparison}.");
            }
            LastComparison = comparison;
            // Large sizes write gigabytes: keep only what the next comparison needs.
            foreach (var file in new[] { floor[i].File, equivalent[i].File, bounded[i].File, tuned[i].File, herald[i].File })
            {
                File.Delete(file);
            }
        }

        var counts = herald[^1].Counts!;
        var reconciles = counts.RowsQueried == counts.ValuesSent + counts.EmptyValues + counts.DuplicateValues + counts.SetAsideTotal;
        if (!reconciles)
        {
            throw new BenchmarkFailedException($"{Name}: Herald's counts do not reconcile: {counts}.");
        }
        var log = run.Log;
        log.WriteLine($"{Name}: {ExportSql.Query} over {customers:N0} customers; median of {repeats} run(s), each step in a fresh process");
        log.WriteLine($"  rows {counts.RowsQueried:N0}: sent {counts.ValuesSent:N0}, empty {counts.EmptyValues:N0}, duplicates {counts.DuplicateValues:N0}, " +
                      $"set aside {string.Join(", ", counts.SetAside.Select(p => $"{p.Key} {p.Value:N0}"))}; file {herald[^1].Bytes / 1048576.0:0.0} MB");
        Line(log, "Herald build + stage", herald, $"DuckDB memory_limit {memoryLimit}");
        Line(log, "hand-written equivalent", equivalent, "DuckDB defaults");
        Line(log, "equivalent, same limit", bounded, $"memory_limit {memoryLimit}");
        Line(log, "tuned equivalent", tuned, "rules folded into one regular expression");
        Line(log, "floor: raw COPY", floor, "no rules, no DISTINCT");
        log.WriteLine($"  files: Herald's staged file and the equivalent's hold the same lines ({LastComparison}).");

        var heraldSeconds = Stats.Median(herald.Select(m => m.Seconds));
        var heraldPeak = ProcessMemory.Megabytes(herald.Max(m => m.PeakMemoryBytes));
        return
        [
            new BenchmarkResult(Name, heraldSeconds, Stats.Median(equivalent.Select(m => m.Seconds)), "s"),
            new BenchmarkResult($"{Name}-floor", heraldSeconds, Stats.Median(floor.Select(m => m.Seconds)), "s"),
            new BenchmarkResult($"{Name}-same-memory-limit", heraldSeconds, Stats.Median(bounded.Select(m => m.Seconds)), "s"),
            new BenchmarkResult($"{Name}-tuned", heraldSeconds, Stats.Median(tuned.Select(m => m.Seconds)), "s"),
            new BenchmarkResult($"{Name}-peak-memory", heraldPeak, ProcessMemory.Megabytes(equivalent.Max(m => m.PeakMemoryBytes)), "MB"),
        ];
    }

    private static Task<ExportMeasurement> SqlAsync(string database, string output, string kind, string? memoryLimit, CancellationToken cancellationToken) =>
        BenchWorker.RunAsync<ExportMeasurement>(memoryLimit is null ? ["export-sql", database, output, kind] : ["export-sql", database, output, kind, memoryLimit], cancellationToken);

    private static void Line(TextWriter log, string what, IReadOnlyList<ExportMeasurement> measurements, string note) =>
        log.WriteLine($"  {what,-24} {Stats.Median(measurements.Select(m => m.Seconds)),8:0.000} s   peak RSS {ProcessMemory.Megabytes(measurements.Max(m => m.PeakMemoryBytes)),6:0} MB   ({note})");
}
