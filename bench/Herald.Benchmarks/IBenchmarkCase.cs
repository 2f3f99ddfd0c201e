namespace Herald.Benchmarks;

/// <summary>One benchmark: Herald's figure and a reference measured side by side, at a size fixed when it is made.</summary>
public interface IBenchmarkCase
{
    /// <summary>The name given on the command line; also the prefix of its RESULT lines.</summary>
    string Name { get; }

    /// <summary>What is measured against what, in one line.</summary>
    string Description { get; }

    /// <exception cref="BenchmarkFailedException">Herald did not do the work correctly, so no figure means anything.</exception>
    Task<IReadOnlyList<BenchmarkResult>> RunAsync(BenchmarkRun run, CancellationToken cancellationToken);
}
