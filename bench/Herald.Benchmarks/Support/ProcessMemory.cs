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

    /// <summary>What the resident memory is made of now: anonymous (heaps, DuckDB's buffers), file-backed (mapped
    /// libraries and assemblies, shared and clean) and shared memory (the JIT's double-mapped code).</summary>
    public static string Breakdown(int processId) =>
        $"anonymous {Megabytes(Field(processId, "RssAnon:")):0} MB, files {Megabytes(Field(processId, "RssFile:")):0} MB, shared {Megabytes(Field(processId, "RssShmem:")):0} MB";

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
