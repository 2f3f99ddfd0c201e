using System.Globalization;
using Herald.Benchmarks.Support;
using Herald.Server.Api;
using Herald.Simulator;

namespace Herald.Benchmarks.Cases;

/// <summary>
/// Issue 2's promise: a five-million-value audience goes through with <c>herald serve</c> under 300 MB of peak
/// memory, DuckDB's included (bounded by Herald:Source:MemoryLimit, spilling to disk). The server runs as a child
/// process with Insider One's file limit raised so that the whole file is submitted, downloaded and reported; its
/// peak resident memory (VmHWM) is held against the 300 MB budget.
/// </summary>
public sealed class MemoryCase(int customers, string? name = null) : IBenchmarkCase
{
    public const double BudgetMegabytes = 300;
    private const long MaxFileBytes = 4L * 1024 * 1024 * 1024;

    public string Name => name ?? $"memory-{SizeLabel.Of(customers)}";

    public string Description => $"herald serve's peak memory for every email of {customers:N0} customers, sent twice (new segment, then update), vs the {BudgetMegabytes:0} MB budget";

    public async Task<IReadOnlyList<BenchmarkResult>> RunAsync(BenchmarkRun run, CancellationToken cancellationToken)
    {
        var sample = await SampleCache.GetAsync(run.WorkDirectory, customers, run.Log, cancellationToken);
        using var scratch = run.Scratch(Name);
        await using var simulator = await InsiderOneSimulator.StartAsync(new SimulatorOptions
        {
            Accounts = [new SimulatorAccount { PartnerName = HeraldApi.PartnerName, Token = HeraldApi.Token }],
            ProcessingDelay = TimeSpan.FromMilliseconds(20),
            MaxFileBytes = MaxFileBytes,
        }, cancellationToken: cancellationToken);

        var apiKey = HeraldApi.NewKey();
        var environment = new Dictionary<string, string>
        {
            ["Herald__Source__DuckDbPath"] = sample,
            ["Herald__InsiderOne__BaseUrl"] = simulator.BaseUrl.ToString(),
            ["Herald__InsiderOne__MaxFileBytes"] = MaxFileBytes.ToString(CultureInfo.InvariantCulture),
            ["Herald__ApiKey"] = apiKey,
        };
        await using var server = await ServerProcess.StartHeraldAsync(run, scratch.Combine("herald"), environment, cancellationToken);
        using var api = new HeraldApi(server.BaseUrl, apiKey);
        var destination = await api.AddDestinationAsync("memory", "Memory", cancellationToken);
        var idle = server.CurrentMemoryBytes;

        // The first send creates the segment; the second updates it, so that Herald compares the audience with
        // the segment it downloads from Insider One (segment updates): both paths must stay within the budget.
        var log = run.Log;
        log.WriteLine($"  server resident memory when idle: {ProcessMemory.Megabytes(idle):0} MB ({server.MemoryBreakdown})");
        foreach (var send in new[] { "first send (new segment)", "second send (update of that segment)" })
        {
            var done = await SendAsync(api, server, destination.Name, cancellationToken);
            var counts = done.Run.Counts!;
            log.WriteLine($"  {send}: {counts.RowsQueried:N0} rows -> {counts.ValuesSent:N0} values, file {done.Run.File!.Bytes / 1048576.0:0.0} MB; " +
                          $"Insider One reported {done.Run.Report!.Valid:N0} valid of {done.Run.Report.Total:N0}");
            log.WriteLine($"    steps: {string.Join(", ", Steps(done.Run))}");
            log.WriteLine($"    highest resident memory sampled by step: {string.Join(", ", done.PeakByState.Select(p => $"{p.Key} {ProcessMemory.Megabytes(p.Value):0} MB"))}; " +
                          $"peak so far (VmHWM) {ProcessMemory.Megabytes(server.PeakMemoryBytes):0} MB");
            log.WriteLine($"    resident after the run: {ProcessMemory.Megabytes(server.CurrentMemoryBytes):0} MB ({server.MemoryBreakdown})");
        }
        var peak = server.PeakMemoryBytes;
        log.WriteLine($"  server peak (VmHWM) {ProcessMemory.Megabytes(peak):0} MB against the budget of {BudgetMegabytes:0} MB: {(ProcessMemory.Megabytes(peak) < BudgetMegabytes ? "within" : "OVER")}" +
                      (run.ServerEnvironment.Count > 0 ? $" (server environment: {string.Join(", ", run.ServerEnvironment.Select(p => $"{p.Key}={p.Value}"))})" : ""));
        return [new BenchmarkResult(Name, ProcessMemory.Megabytes(peak), BudgetMegabytes, "MB")];
    }

    /// <summary>Sends every email and waits for the report, sampling the server's resident memory at each step.</summary>
    private async Task<(RunView Run, Dictionary<string, long> PeakByState)> SendAsync(HeraldApi api, ServerProcess server, string destination, CancellationToken cancellationToken)
    {
        var created = await api.SendAsync(new SendRequest(destination, ExportSql.Query), cancellationToken);
        var peakByState = new Dictionary<string, long>();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(60);
        while (true)
        {
            var current = await api.GetRunAsync(created.Id, cancellationToken);
            var rss = server.CurrentMemoryBytes;
            peakByState[current.State] = Math.Max(peakByState.GetValueOrDefault(current.State), rss);
            if (current.IsFinal)
            {
                return current.State == "succeeded"
                    ? (current, peakByState)
                    : throw new BenchmarkFailedException($"{Name}: the run ended {current.State}: {current.Reason}\n{server.Output}");
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new BenchmarkFailedException($"{Name}: the run is still {current.State} after an hour: {current.Reason}");
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    private static IEnumerable<string> Steps(RunView run)
    {
        for (var i = 1; i < run.History.Count; i++)
        {
            yield return $"{run.History[i - 1].State} {(run.History[i].At - run.History[i - 1].At).TotalSeconds:0.0} s";
        }
    }
}
