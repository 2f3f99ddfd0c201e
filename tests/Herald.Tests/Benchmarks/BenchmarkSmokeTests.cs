using Herald.Benchmarks;
using Herald.Benchmarks.Cases;
using Xunit.Abstractions;

namespace Herald.Tests.Benchmarks;

/// <summary>
/// Every benchmark case at smoke size (seconds), so that `bench/` never rots: each case runs Herald's real path
/// and its reference side by side and yields figures a script can read. The figures are not judged here (two
/// cores shared with the other tests say nothing about speed); that Herald did the work correctly is.
/// </summary>
public sealed class BenchmarkSmokeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EveryCase_AtSmokeSize_PrintsAResultLineWithPositiveFiguresPerFigure()
    {
        var log = new StringWriter();
        var run = new BenchmarkRun { WorkDirectory = BenchmarkRun.DefaultWorkDirectory, Log = log };
        var results = new List<BenchmarkResult>();
        try
        {
            foreach (var benchmark in BenchmarkCases.Smoke())
            {
                log.WriteLine($"== {benchmark.Name}");
                results.AddRange(await benchmark.RunAsync(run, CancellationToken.None));
                if (benchmark is ExportCase export)
                {
                    export.LastComparison.ShouldNotBeNull().Same.ShouldBeTrue("Herald's staged file holds the same lines as the hand-written COPY's");
                }
            }
        }
        finally
        {
            output.WriteLine(log.ToString());
        }

        var lines = results.Select(r => r.ToResultLine()).ToList();
        output.WriteLine(string.Join('\n', lines));
        lines.ShouldAllBe(line => System.Text.RegularExpressions.Regex.IsMatch(line,
            @"^RESULT [a-z0-9-]+ herald=[0-9.]+ reference=[0-9.]+ ratio=[0-9.]+ unit=\S+$"));
        results.ShouldAllBe(r => r.Herald > 0 && r.Reference > 0 && double.IsFinite(r.Ratio));
        var names = results.Select(r => r.Case).ToList();
        names.ShouldBe(["export-10k", "export-10k-floor", "export-10k-same-memory-limit", "export-10k-tuned", "export-10k-peak-memory",
            "submission", "callback-intake", "callback-intake-cpu", "latency-send", "latency-callback", "latency-send-cli", "memory-5m",
            "diff-merge-diff", "diff-merge-diff-bounded", "diff-merge-diff-peak-memory",
            "diff-merge-merge", "diff-merge-merge-bounded", "diff-merge-merge-peak-memory", "snowflake-publish", "snowflake-publish-stage"],
            ignoreOrder: true);
    }
}
