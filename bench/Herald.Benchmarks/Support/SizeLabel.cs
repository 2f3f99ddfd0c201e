namespace Herald.Benchmarks.Support;

public static class SizeLabel
{
    /// <summary>1000000 → "1m", 20000 → "20k".</summary>
    public static string Of(long count) => count switch
    {
        >= 1_000_000 when count % 1_000_000 == 0 => $"{count / 1_000_000}m",
        >= 1_000 when count % 1_000 == 0 => $"{count / 1_000}k",
        _ => count.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
