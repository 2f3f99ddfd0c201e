namespace Herald.Benchmarks;

/// <summary>The work measured went wrong (a run failed, the files differ, a 429 came back): the figure would be meaningless.</summary>
public sealed class BenchmarkFailedException(string message) : Exception(message);
