using System.Diagnostics;
using System.Text.Json;

namespace Herald.Benchmarks.Support;

/// <summary>
/// Runs one measured step in a fresh child process (this assembly's hidden <c>worker</c> command), so that
/// its peak memory is its own and no step inherits another's warm caches or heap. The child prints its
/// answer as the JSON after <see cref="Marker"/> on its last line.
/// </summary>
public static class BenchWorker
{
    public const string Marker = "WORKER ";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<T> RunAsync<T>(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(BenchWorker).Assembly.Location);
        start.ArgumentList.Add("worker");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var answer = lines.LastOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal));
        if (process.ExitCode != 0 || answer is null)
        {
            // The exception's own line says what went wrong (DuckDB's "Out of Memory Error: ..."); its stack does not.
            var all = (await output + "\n" + await error).Split('\n');
            var cause = all.FirstOrDefault(l => l.Contains("Exception", StringComparison.Ordinal))?.Trim() ?? string.Join('\n', all.TakeLast(20));
            throw new BenchmarkFailedException($"the worker '{string.Join(' ', start.ArgumentList.Skip(2))}' exited with {process.ExitCode}: {cause}");
        }
        return JsonSerializer.Deserialize<T>(answer[Marker.Length..], Json)!;
    }

    /// <summary>Called in the child: the answer, then the process ends.</summary>
    public static void Answer<T>(T answer) => Console.Out.WriteLine(Marker + JsonSerializer.Serialize(answer, Json));
}
