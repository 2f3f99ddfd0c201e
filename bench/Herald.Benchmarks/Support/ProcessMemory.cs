namespace Herald.Benchmarks.Support;

/// <summary>A process's resident memory as Linux counts it, from <c>/proc/&lt;pid&gt;/status</c>.</summary>
public static class ProcessMemory
{
    /// <summary>Peak resident set size (VmHWM) in bytes: everything the process ever held in RAM at once,
    /// DuckDB's native allocations included; 0 where /proc is missing.</summary>
    public static long PeakBytes(int processId) => Field(processId, "VmHWM:");

    /// <summary>Current resident set size (VmRSS) in bytes.</summary>
    public static long CurrentBytes(int processId) => Field(processId, "VmRSS:");

    public static double Megabytes(long bytes) => bytes / 1048576.0;

    private static long Field(int processId, string name)
    {
        var path = $"/proc/{processId}/status";
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                if (line.StartsWith(name, StringComparison.Ordinal))
                {
                    // "VmHWM:	  123456 kB"
                    var kilobytes = long.Parse(line[name.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                    return kilobytes * 1024;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process ended, or this is not Linux.
        }
        return 0;
    }
}
