using System.Globalization;
using Herald.Benchmarks;
using Herald.Benchmarks.Support;
using Herald.Benchmarks.Workers;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args is ["worker", .. var workerArgs])
{
    return await WorkerCommand.RunAsync(workerArgs);
}

var workDirectory = BenchmarkRun.DefaultWorkDirectory;
var smoke = false;
var serverEnvironment = new Dictionary<string, string>();
var names = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--smoke" or "smoke":
            smoke = true;
            break;
        case "--work-dir" when i + 1 < args.Length:
            workDirectory = Path.GetFullPath(args[++i]);
            break;
        case "--server-env" when i + 1 < args.Length && args[i + 1].Contains('='):
            var setting = args[++i];
            serverEnvironment[setting[..setting.IndexOf('=')]] = setting[(setting.IndexOf('=') + 1)..];
            break;
        case "--help" or "-h":
            return Usage(Console.Out, 0);
        default:
            names.Add(args[i]);
            break;
    }
}

var available = smoke ? BenchmarkCases.Smoke() : BenchmarkCases.Full();
IReadOnlyList<IBenchmarkCase> selected;
if (names.Count == 0 || names.Contains("all"))
{
    if (names.Count == 0 && !smoke)
    {
        return Usage(Console.Error, 2);
    }
    selected = available;
}
else
{
    // "export" selects every export size; "export-5m" one of them.
    selected = available.Where(c => names.Any(n => c.Name == n || c.Name.StartsWith(n + "-", StringComparison.Ordinal))).ToList();
    var unknown = names.Where(n => !available.Any(c => c.Name == n || c.Name.StartsWith(n + "-", StringComparison.Ordinal))).ToList();
    if (unknown.Count > 0)
    {
        Console.Error.WriteLine($"Unknown case(s): {string.Join(", ", unknown)}.");
        return Usage(Console.Error, 2);
    }
}

Console.WriteLine($"Herald benchmarks{(smoke ? " (smoke size)" : "")} on {Machine.Describe()}");
Console.WriteLine($"work directory {workDirectory}");
Console.WriteLine();
var run = new BenchmarkRun { WorkDirectory = workDirectory, Log = Console.Out, ServerEnvironment = serverEnvironment };
if (serverEnvironment.Count > 0)
{
    Console.WriteLine($"herald serve environment: {string.Join(", ", serverEnvironment.Select(p => $"{p.Key}={p.Value}"))}");
}
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var results = new List<BenchmarkResult>();
var failures = 0;
foreach (var benchmark in selected)
{
    Console.WriteLine($"== {benchmark.Name}: {benchmark.Description}  [{DateTime.UtcNow:HH:mm:ss} UTC, load average {Machine.LoadAverage()}]");
    try
    {
        var figures = await benchmark.RunAsync(run, cancel.Token);
        foreach (var figure in figures)
        {
            Console.WriteLine($"  -> {figure.Case}: Herald {figure.Herald:0.###} {figure.Unit}, reference {figure.Reference:0.###} {figure.Unit}, ratio {figure.Ratio:0.###}");
        }
        results.AddRange(figures);
    }
    catch (BenchmarkFailedException failure)
    {
        failures++;
        Console.WriteLine($"  FAILED: {failure.Message}");
    }
    Console.WriteLine();
}
foreach (var result in results)
{
    Console.WriteLine(result.ToResultLine());
}
return failures == 0 ? 0 : 1;

static int Usage(TextWriter writer, int exitCode)
{
    writer.WriteLine("usage: dotnet run -c Release --project bench/Herald.Benchmarks -- [--smoke] [--work-dir DIR] [--server-env KEY=VALUE]... <case>... | all | smoke");
    writer.WriteLine("cases (full size):");
    foreach (var benchmark in BenchmarkCases.Full())
    {
        writer.WriteLine($"  {benchmark.Name,-22} {benchmark.Description}");
    }
    writer.WriteLine("A prefix selects several: 'export' runs export-1m, export-5m and export-20m. 'smoke' runs every case at a size that takes seconds.");
    return exitCode;
}
