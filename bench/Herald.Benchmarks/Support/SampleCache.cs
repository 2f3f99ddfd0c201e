using System.Security.Cryptography;
using Herald.Sources.DuckDb.Sample;

namespace Herald.Benchmarks.Support;

/// <summary>
/// Sample customer 360 files by size, made once and kept: 20 million customers take minutes to generate.
/// The file name carries a hash of the sample's SQL scripts, so a change to the sample makes a new file.
/// </summary>
public static class SampleCache
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<string> GetAsync(string root, int customers, TextWriter log, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(root, "samples", $"customer360-{customers}-{ScriptsHash()}.duckdb");
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(path))
            {
                return path;
            }
            log.WriteLine($"  generating the sample customer 360 with {customers:N0} customers (kept in {Path.GetDirectoryName(path)})...");
            var started = System.Diagnostics.Stopwatch.StartNew();
            // Built under another name and moved when whole, so that an interrupted generation leaves no file
            // that passes for a sample.
            var building = $"{path}.{Environment.ProcessId}.building";
            // CreateAsync deletes an old file before it creates the folder, which throws when the folder is missing.
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await SampleCustomer360.CreateAsync(building, customers, cancellationToken);
            File.Move(building, path, overwrite: true);
            log.WriteLine($"  generated in {started.Elapsed.TotalSeconds:0.0} s ({new FileInfo(path).Length / 1048576.0:0} MB)");
            return path;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static string ScriptsHash()
    {
        var assembly = typeof(SampleCustomer360).Assembly;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            hash.AppendData(buffer.ToArray());
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..8];
    }
}
