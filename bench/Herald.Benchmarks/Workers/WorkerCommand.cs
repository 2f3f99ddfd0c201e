using Herald.Benchmarks.Support;

namespace Herald.Benchmarks.Workers;

/// <summary>The hidden <c>worker</c> command: one measured step in this process, answered through <see cref="BenchWorker"/>.</summary>
internal static class WorkerCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        switch (args)
        {
            case ["export-herald", var database, var dataDirectory, .. var rest]:
                BenchWorker.Answer(await ExportWorkers.HeraldAsync(database, dataDirectory,
                    NullIfEmpty(rest.ElementAtOrDefault(0)), ThreadsOf(rest)));
                return 0;
            case ["export-sql", var database, var output, var kind, .. var rest]:
                BenchWorker.Answer(ExportWorkers.Sql(database, output, kind, rest.FirstOrDefault()));
                return 0;
            case ["diff-herald", var before, var after, var mode, var directory, .. var rest]:
                BenchWorker.Answer(await DiffMergeWorkers.HeraldAsync(before, after, mode, directory,
                    NullIfEmpty(rest.ElementAtOrDefault(0)), ThreadsOf(rest)));
                return 0;
            case ["diff-sql", var before, var after, var mode, var directory, .. var rest]:
                BenchWorker.Answer(DiffMergeWorkers.Sql(before, after, mode, directory, rest.FirstOrDefault()));
                return 0;
            case ["receiver", var database, var port, var keyFile]:
                await ReferenceReceiver.RunAsync(database, int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), keyFile);
                return 0;
            default:
                await Console.Error.WriteLineAsync($"Unknown worker command: {string.Join(' ', args)}");
                return 2;
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static int? ThreadsOf(string[] rest) =>
        NullIfEmpty(rest.ElementAtOrDefault(1)) is { } threads ? int.Parse(threads, System.Globalization.CultureInfo.InvariantCulture) : null;
}
