using Herald.Benchmarks.Support;
using Herald.Benchmarks.Workers;
using Herald.Server.Hosting;

namespace Herald.Benchmarks.Cases;

/// <summary>
/// Case 5. The segment as Insider One holds it against the new audience, <paramref name="values"/> values each with
/// a tenth changed: Herald's DuckDbSegmentComparer (the difference only, as a replace computes it; and the
/// difference with the merged file, as an add writes it), against the same by hand in DuckDB SQL (EXCEPT and
/// INTERSECT counts, and a COPY of the UNION). Each step runs in a fresh process, so its peak memory is its own.
/// </summary>
public sealed class DiffMergeCase(int values) : IBenchmarkCase
{
    /// <summary>
    /// A bounded comparison, as the build step's default (Herald:Source:MemoryLimit) on one thread: what holding the
    /// comparison near the server's 300 MB budget costs (docs/performance.md, memory-5m). At 100MB the comparison of
    /// ten million values fails with DuckDB's "Out of Memory".
    /// </summary>
    public const string BudgetMemoryLimit = "160MB";

    public string Name => "diff-merge";

    public string Description => $"segment update: {values:N0} values against {values:N0} (10% changed): Herald's comparer vs EXCEPT/INTERSECT/UNION by hand";

    public async Task<IReadOnlyList<BenchmarkResult>> RunAsync(BenchmarkRun run, CancellationToken cancellationToken)
    {
        using var scratch = run.Scratch(Name);
        var before = scratch.Combine("before.csv");
        var after = scratch.Combine("after.csv");
        DiffMergeSql.WriteAudiences(before, after, values);
        var memoryLimit = new HeraldOptions().Updates.MemoryLimit;
        var log = run.Log;
        log.WriteLine($"  {values:N0} values before, {values:N0} after ({new FileInfo(before).Length / 1048576.0:0} MB each); Herald's comparer at memory_limit {memoryLimit}");

        var results = new List<BenchmarkResult>();
        foreach (var mode in new[] { "replace", "add" })
        {
            var directory = scratch.Combine(mode);
            Directory.CreateDirectory(directory);
            var herald = await BenchWorker.RunAsync<DiffMeasurement>(["diff-herald", before, after, mode, directory], cancellationToken);
            var reference = await BenchWorker.RunAsync<DiffMeasurement>(["diff-sql", before, after, mode, directory], cancellationToken);
            var bounded = await BenchWorker.RunAsync<DiffMeasurement>(["diff-sql", before, after, mode, directory, memoryLimit], cancellationToken);
            // What bounding the comparison to the server's 300 MB budget would cost (issue 2's promise).
            var budget = await BenchWorker.RunAsync<DiffMeasurement>(["diff-herald", before, after, mode, Path.Combine(directory, "budget"), BudgetMemoryLimit, "1"], cancellationToken);

            if ((herald.Added, herald.Removed, herald.Kept, herald.OutputValues) != (reference.Added, reference.Removed, reference.Kept, reference.OutputValues))
            {
                throw new BenchmarkFailedException($"{Name} ({mode}): Herald found {herald.Added:N0} added, {herald.Removed:N0} removed, {herald.Kept:N0} kept, " +
                    $"{herald.OutputValues:N0} after; by hand {reference.Added:N0}, {reference.Removed:N0}, {reference.Kept:N0}, {reference.OutputValues:N0}.");
            }
            if (mode == "add")
            {
                var comparison = OneColumnFiles.Compare(herald.Output!, reference.Output!, directory);
                if (!comparison.Same)
                {
                    throw new BenchmarkFailedException($"{Name}: Herald's merged file differs from the UNION written by hand: {comparison}.");
                }
            }
            var what = mode == "replace" ? "difference" : "difference + merged file";
            log.WriteLine($"  {mode}: {what}: {herald.Added:N0} added, {herald.Removed:N0} removed, {herald.Kept:N0} kept; {herald.OutputValues:N0} after");
            log.WriteLine($"    Herald comparer          {herald.Seconds,8:0.000} s   peak RSS {ProcessMemory.Megabytes(herald.PeakMemoryBytes),6:0} MB");
            log.WriteLine($"    {$"Herald, {BudgetMemoryLimit}, 1 thread",-24} {budget.Seconds,8:0.000} s   peak RSS {ProcessMemory.Megabytes(budget.PeakMemoryBytes),6:0} MB");
            log.WriteLine($"    by hand, DuckDB defaults {reference.Seconds,8:0.000} s   peak RSS {ProcessMemory.Megabytes(reference.PeakMemoryBytes),6:0} MB");
            log.WriteLine($"    by hand, same limit      {bounded.Seconds,8:0.000} s   peak RSS {ProcessMemory.Megabytes(bounded.PeakMemoryBytes),6:0} MB");
            var name = $"{Name}-{(mode == "replace" ? "diff" : "merge")}";
            results.Add(new BenchmarkResult(name, herald.Seconds, reference.Seconds, "s"));
            results.Add(new BenchmarkResult($"{name}-bounded", budget.Seconds, reference.Seconds, "s"));
            results.Add(new BenchmarkResult($"{name}-peak-memory", ProcessMemory.Megabytes(herald.PeakMemoryBytes), ProcessMemory.Megabytes(reference.PeakMemoryBytes), "MB"));
            foreach (var file in Directory.EnumerateFiles(directory, "*.csv", SearchOption.AllDirectories))
            {
                File.Delete(file);
            }
        }
        return results;
    }
}
