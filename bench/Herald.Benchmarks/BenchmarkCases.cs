using Herald.Benchmarks.Cases;

namespace Herald.Benchmarks;

/// <summary>Every case at the size the issue asks for, or at smoke size (seconds, for the normal test command).</summary>
public static class BenchmarkCases
{
    public static IReadOnlyList<IBenchmarkCase> Full() =>
    [
        new ExportCase(1_000_000, repeats: 3),
        new ExportCase(5_000_000, repeats: 3),
        new ExportCase(20_000_000),
        new SubmissionCase(1_000),
        new CallbackIntakeCase(20_000),
        new LatencyCase(runs: 50),
        new MemoryCase(5_000_000),
        new DiffMergeCase(10_000_000),
        new SnowflakePublishCase(1_000_000),
    ];

    public static IReadOnlyList<IBenchmarkCase> Smoke() =>
    [
        new ExportCase(SmokeCustomers),
        new SubmissionCase(40),
        new CallbackIntakeCase(300),
        new LatencyCase(runs: 3, cliRuns: 1),
        new MemoryCase(SmokeCustomers, name: "memory-5m"),
        new DiffMergeCase(SmokeCustomers),
        new SnowflakePublishCase(5_000),
    ];

    /// <summary>Customers in the smoke-size sample: generated in about three seconds, then kept.</summary>
    public const int SmokeCustomers = 10_000;
}
