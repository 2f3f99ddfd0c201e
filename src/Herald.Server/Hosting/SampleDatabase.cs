using Herald.Sources.DuckDb.Sample;

namespace Herald.Server.Hosting;

/// <summary>The embedded sample customer 360, created in the data directory on first start.</summary>
internal static class SampleDatabase
{
    public static string PathFor(HeraldOptions options) =>
        Path.Combine(options.DataDirectory, "sample", $"customer360-{options.Source.SampleCustomers}.duckdb");

    public static async Task EnsureAsync(string path, int customers, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Built beside its final name and moved into place whole, so a crash never leaves half a sample.
        var building = path + $".{Guid.NewGuid():N}.building";
        try
        {
            await SampleCustomer360.CreateAsync(building, customers, cancellationToken);
            File.Move(building, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another instance finished first; theirs is the same data.
        }
        finally
        {
            File.Delete(building);
            File.Delete(building + ".wal");
        }
    }
}
