namespace Herald.Core.Runs;

/// <summary>
/// The names a run's files are published under: <c>{run}.csv</c> for a run with one segment, <c>{run}-{n}.csv</c> for
/// part n of a split audience. Nothing else is ever served, so a file host can refuse any other name.
/// </summary>
public static class StagedFileNames
{
    public static string Of(Guid runId, int partNumber, int partCount) =>
        partCount <= 1 ? $"{runId:N}.csv" : $"{runId:N}-{partNumber}.csv";

    /// <summary>True for a name <see cref="Of"/> can return: 32 hex digits, an optional "-1" to "-99", ".csv".</summary>
    public static bool IsValid(string fileName)
    {
        if (!fileName.EndsWith(".csv", StringComparison.Ordinal) || fileName.Length < 36 || !Guid.TryParseExact(fileName[..32], "N", out _))
        {
            return false;
        }
        var suffix = fileName[32..^4];
        // "-1" to "-99": a dash and one or two digits, nothing a path could hide behind.
        return suffix.Length == 0 || (suffix.Length is 2 or 3 && suffix[0] == '-' && suffix[1..].All(char.IsAsciiDigit) && suffix[1] != '0');
    }
}
