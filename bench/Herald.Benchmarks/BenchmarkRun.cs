namespace Herald.Benchmarks;

/// <summary>Where a benchmark keeps its files and writes what it sees.</summary>
public sealed class BenchmarkRun
{
    /// <summary>Samples are kept here between runs; each case's scratch files go under it and are removed.</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>The human-readable account; RESULT lines are written by the caller.</summary>
    public required TextWriter Log { get; init; }

    /// <summary>Extra environment for every <c>herald serve</c> a case starts (never for this process, which hosts the
    /// simulator and the load generator): e.g. Herald__Source__MemoryLimit=100MB or DOTNET_GCHeapHardLimit. The
    /// export and diff-merge cases, which run Herald's build and compare steps without a server, take
    /// Herald__Source__* and Herald__Updates__* (MemoryLimit, Threads) from it too.</summary>
    public IReadOnlyDictionary<string, string> ServerEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>The memory limit and threads a Herald setting section (<c>Source</c>, <c>Updates</c>) is given in
    /// <see cref="ServerEnvironment"/>, as worker arguments; none when the defaults apply.</summary>
    public string[] DuckDbSettings(string section)
    {
        var memoryLimit = ServerEnvironment.GetValueOrDefault($"Herald__{section}__MemoryLimit");
        var threads = ServerEnvironment.GetValueOrDefault($"Herald__{section}__Threads");
        return memoryLimit is null && threads is null ? [] : [memoryLimit ?? "", threads ?? ""];
    }

    public static string DefaultWorkDirectory => Path.Combine(Path.GetTempPath(), "herald-bench");

    /// <summary>A new folder for one case's scratch files; dispose to delete it.</summary>
    public ScratchDirectory Scratch(string name) => new(Path.Combine(WorkDirectory, "scratch", $"{name}-{Guid.NewGuid():N}"[..(name.Length + 13)]));
}

public sealed class ScratchDirectory : IDisposable
{
    internal ScratchDirectory(string path)
    {
        Path = path;
        Directory.CreateDirectory(path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the folder is under the temp directory.
        }
    }
}
