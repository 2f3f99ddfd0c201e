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
    /// A bounded comparison on one thread: what holding the comparison near the server's 300 MB budget costs
    /// (docs/performance.md, memory-5m). 160MB is the least found to compare ten million values: at 100MB DuckDB
    /// runs out of memory.
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
        var memoryLimit = run.ServerEnvironment.GetValueOrDefault("Herald__Updates__MemoryLimit") ?? new HeraldOptions().Updates.MemoryLimit;
        var log = run.Log;
        log.WriteLine($"  {values:N0} values before, {values:N0} after ({new FileInfo(before).Length / 1048576.0:0} MB each); Herald's comparer at memory_limit {memoryLimit}");

        var results = new List<BenchmarkResult>();
        foreach (var mode in new[] { "replace", "add" })
        {
            var directory = scratch.Combine(mode);
            Directory.CreateDirectory(directory);
            var herald = await BenchWorker.RunAsync<DiffMeasurement>(["diff-herald", before, after, mode, directory, .. run.DuckDbSettings("Updates")], cancellationToken);
            var reference = await BenchWorker.RunAsync<DiffMeasurement>(["diff-sql", before, after, mode, directory], cancellationToken);
            // Under Herald's limit the hand-written SQL may run out of memory; that is a finding, not a failure of the case.
            var bounded = await OptionalAsync(["diff-sql", before, after, mode, directory, memoryLimit], cancellationToken);
            // What bounding the comparison to the server's 300 MB budget would cost (issue 2's promise).
            var budget = await OptionalAsync(["diff-herald", before, after, mode, Path.Combine(directory, "budget"), BudgetMemoryLimit, "1"], cancellationToken);

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
            Line(log, "Herald comparer", herald);
            Line(log, $"Herald, {BudgetMemoryLimit}, 1 thread", budget);
            Line(log, "by hand, DuckDB defaults", reference);
            Line(log, "by hand, same limit", bounded);
            var name = $"{Name}-{(mode == "replace" ? "diff" : "merge")}";
            results.Add(new BenchmarkResult(name, herald.Seconds, reference.Seconds, "s"));
            if (budget.Measurement is { } bounds)
            {
                results.Add(new BenchmarkResult($"{name}-bounded", bounds.Seconds, reference.Seconds, "s"));
            }
            results.Add(new BenchmarkResult($"{name}-peak-memory", ProcessMemory.Megabytes(herald.PeakMemoryBytes), ProcessMemory.Megabytes(reference.PeakMemoryBytes), "MB"));
            foreach (var file in Directory.EnumerateFiles(directory, "*.csv", SearchOption.AllDirectories))
            {
                File.Delete(file);
            }
        }
        return results;
    }

    private static async Task<(DiffMeasurement? Measurement, string? Failure)> OptionalAsync(string[] arguments, CancellationToken cancellationToken)
    {
        try
        {
            return (await BenchWorker.RunAsync<DiffMeasurement>(arguments, cancellationToken), null);
        }
        catch (BenchmarkFailedException failure)
        {
            return (null, failure.Message);
        }
    }

    private static void Line(TextWriter log, string what, DiffMeasurement m) => Line(log, what, (m, null));

    private static void Line(TextWriter log, string what, (DiffMeasurement? Measurement, string? Failure) result) =>
        log.WriteLine(result.Measurement is { } m
            ? $"    {what,-24} {m.Seconds,8:0.000} s   peak RSS {ProcessMemory.Megabytes(m.PeakMemoryBytes),6:0} MB"
            : $"    {what,-24}   failed: {result.Failure}");
}
