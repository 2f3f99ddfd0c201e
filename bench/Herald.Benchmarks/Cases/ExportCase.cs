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
        var herald = new Step("Herald build + stage");
        var equivalent = new Step("hand-written equivalent");
        var bounded = new Step("equivalent, same limit");
        var tuned = new Step("tuned equivalent");
        var floor = new Step("floor: raw COPY");
        var memoryLimit = run.ServerEnvironment.GetValueOrDefault("Herald__Source__MemoryLimit") ?? new HeraldOptions().Source.MemoryLimit;
        var threads = run.ServerEnvironment.GetValueOrDefault("Herald__Source__Threads") is { } t && t != "0" ? $", {t} thread(s)" : "";

        for (var i = 0; i < repeats; i++)
        {
            // The floor first: it reads every row, so the database file is in the page cache for all that follow.
            await floor.RunAsync(Sql(database, scratch.Combine($"floor-{i}.csv"), "floor", null), cancellationToken);
            await equivalent.RunAsync(Sql(database, scratch.Combine($"equivalent-{i}.csv"), "equivalent", null), cancellationToken);
            await herald.RunAsync(["export-herald", database, scratch.Combine($"herald-{i}"), .. run.DuckDbSettings("Source")], cancellationToken);
            // Under Herald's limit DuckDB may run out of memory: a finding to report, not a reason to stop.
            await bounded.RunAsync(Sql(database, scratch.Combine($"bounded-{i}.csv"), "equivalent", memoryLimit), cancellationToken);
            await tuned.RunAsync(Sql(database, scratch.Combine($"tuned-{i}.csv"), "tuned", null), cancellationToken);

            if (herald.Last is { } heraldFile && equivalent.Last is { } equivalentFile)
            {
                var comparison = OneColumnFiles.Compare(heraldFile.File, equivalentFile.File, scratch.Path);
                if (!comparison.Same)
                {
                    throw new BenchmarkFailedException($"{Name}: Herald's staged file differs from the hand-written equivalent's: {comparison}.");
                }
                LastComparison = comparison;
            }
            if (tuned.Last is { } tunedFile && equivalent.Last is { } reference)
            {
                var comparison = OneColumnFiles.Compare(tunedFile.File, reference.File, scratch.Path);
                if (!comparison.Same)
                {
                    throw new BenchmarkFailedException($"{Name}: the tuned statement's file differs from the equivalent's: {comparison}.");
                }
            }
            // Large sizes write gigabytes: keep only what the next comparison needs.
            foreach (var step in new[] { floor, equivalent, bounded, tuned, herald })
            {
                step.DeleteLastFile();
            }
        }

        var log = run.Log;
        log.WriteLine($"{Name}: {ExportSql.Query} over {customers:N0} customers; median of {repeats} run(s), each step in a fresh process");
        if (herald.Measurements.LastOrDefault()?.Counts is { } counts)
        {
            if (counts.RowsQueried != counts.ValuesSent + counts.EmptyValues + counts.DuplicateValues + counts.SetAsideTotal)
            {
                throw new BenchmarkFailedException($"{Name}: Herald's counts do not reconcile: {counts}.");
            }
            log.WriteLine($"  rows {counts.RowsQueried:N0}: sent {counts.ValuesSent:N0}, empty {counts.EmptyValues:N0}, duplicates {counts.DuplicateValues:N0}, " +
                          $"set aside {string.Join(", ", counts.SetAside.Select(p => $"{p.Key} {p.Value:N0}"))}; file {herald.Measurements[^1].Bytes / 1048576.0:0.0} MB");
        }
        herald.Log(log, $"DuckDB memory_limit {memoryLimit}{threads}");
        equivalent.Log(log, "DuckDB defaults");
        bounded.Log(log, $"memory_limit {memoryLimit}");
        tuned.Log(log, "rules folded into one regular expression");
        floor.Log(log, "no rules, no DISTINCT");
        if (herald.Failure is { } failure)
        {
            throw new BenchmarkFailedException($"{Name}: Herald's build failed: {failure}");
        }
        if (equivalent.Failure is { } referenceFailure)
        {
            throw new BenchmarkFailedException($"{Name}: the hand-written equivalent failed: {referenceFailure}");
        }
        log.WriteLine($"  files: Herald's staged file and the equivalent's hold the same lines ({LastComparison}).");

        var heraldSeconds = herald.MedianSeconds;
        var results = new List<BenchmarkResult>
        {
            new(Name, heraldSeconds, equivalent.MedianSeconds, "s"),
        };
        if (floor.Failure is null)
        {
            results.Add(new BenchmarkResult($"{Name}-floor", heraldSeconds, floor.MedianSeconds, "s"));
        }
        if (bounded.Failure is null)
        {
            results.Add(new BenchmarkResult($"{Name}-same-memory-limit", heraldSeconds, bounded.MedianSeconds, "s"));
        }
        if (tuned.Failure is null)
        {
            results.Add(new BenchmarkResult($"{Name}-tuned", heraldSeconds, tuned.MedianSeconds, "s"));
        }
        results.Add(new BenchmarkResult($"{Name}-peak-memory", herald.PeakMegabytes, equivalent.PeakMegabytes, "MB"));
        return results;
    }

    private static string[] Sql(string database, string output, string kind, string? memoryLimit) =>
        memoryLimit is null ? ["export-sql", database, output, kind] : ["export-sql", database, output, kind, memoryLimit];

    /// <summary>One way of exporting, run once per repeat in a worker; a failure is kept, and the step is not run again.</summary>
    private sealed class Step(string what)
    {
        public List<ExportMeasurement> Measurements { get; } = [];
        public string? Failure { get; private set; }
        public ExportMeasurement? Last { get; private set; }
        public double MedianSeconds => Stats.Median(Measurements.Select(m => m.Seconds));
        public double PeakMegabytes => ProcessMemory.Megabytes(Measurements.Max(m => m.PeakMemoryBytes));

        public async Task RunAsync(string[] arguments, CancellationToken cancellationToken)
        {
            Last = null;
            if (Failure is not null)
            {
                return;
            }
            try
            {
                Last = await BenchWorker.RunAsync<ExportMeasurement>(arguments, cancellationToken);
                Measurements.Add(Last);
            }
            catch (BenchmarkFailedException failure)
            {
                Failure = failure.Message;
            }
        }

        public void DeleteLastFile()
        {
            if (Last is not null)
            {
                File.Delete(Last.File);
            }
        }

        public void Log(TextWriter log, string note) =>
            log.WriteLine(Failure is null
                ? $"  {what,-24} {MedianSeconds,8:0.000} s   peak RSS {PeakMegabytes,6:0} MB   ({note})"
                : $"  {what,-24}   failed ({note}): {Failure}");
    }
}
