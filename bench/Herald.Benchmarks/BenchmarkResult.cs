using System.Globalization;

namespace Herald.Benchmarks;

/// <summary>One figure of a case: Herald's, the reference measured in the same run, and their ratio.</summary>
public sealed record BenchmarkResult(string Case, double Herald, double Reference, string Unit)
{
    public double Ratio => Herald / Reference;

    /// <summary>The line scripts read: <c>RESULT &lt;case&gt; herald=… reference=… ratio=… unit=…</c>.</summary>
    public string ToResultLine() => string.Create(CultureInfo.InvariantCulture,
        $"RESULT {Case} herald={Herald:0.###} reference={Reference:0.###} ratio={Ratio:0.###} unit={Unit}");
}
