using System.Net;
using System.Net.Http.Json;
using Herald.Benchmarks.Support;
using Herald.Benchmarks.Workers;
using Herald.Server.Api;

namespace Herald.Benchmarks.Cases;

/// <summary>
/// Case 3. Genuine callbacks for runs awaiting their report, posted on loopback by many connections at once to
/// a running <c>herald serve</c>: the rate at which it records them durably and the CPU it spends, against the
/// hand-written receiver (<see cref="ReferenceReceiver"/>) under the same load.
/// </summary>
public sealed class CallbackIntakeCase(int callbacks, int concurrency = 32) : IBenchmarkCase
{
    private const string SegmentName = "Intake";

    public string Name => "callback-intake";

    public string Description => $"{callbacks:N0} callbacks from {concurrency} loopback connections, each recorded durably: herald serve vs a hand-written receiver";

    public async Task<IReadOnlyList<BenchmarkResult>> RunAsync(BenchmarkRun run, CancellationToken cancellationToken)
    {
        var sample = await SampleCache.GetAsync(run.WorkDirectory, BenchmarkCases.SmokeCustomers, run.Log, cancellationToken);
        using var scratch = run.Scratch(Name);
        // The first tenth warms the server up (JIT, connection pools, SQLite's cache) and is not counted.
        var warmUp = Math.Max(50, callbacks / 10);

        var herald = await MeasureHeraldAsync(run, scratch.Combine("herald"), sample, warmUp, cancellationToken);
        var reference = await MeasureReferenceAsync(scratch.Combine("reference"), warmUp, cancellationToken);

        var log = run.Log;
        Line(log, "herald serve", herald);
        Line(log, "hand-written receiver", reference);
        log.WriteLine($"  CPU is the server process's own (user + system) over the measured part; the load generator runs in this process on the same {Environment.ProcessorCount} cores.");
        return
        [
            new BenchmarkResult(Name, herald.Load.PerSecond, reference.Load.PerSecond, "callbacks/s"),
            new BenchmarkResult($"{Name}-cpu", herald.CpuMsPerCallback, reference.CpuMsPerCallback, "cpu-ms/callback"),
        ];
    }

    private sealed record Measurement(LoadGenerator.Outcome Load, double ServerCores, double CpuMsPerCallback, long PeakMemoryBytes);

    private async Task<Measurement> MeasureHeraldAsync(BenchmarkRun run, string data, string sample, int warmUp, CancellationToken cancellationToken)
    {
        var store = await HeraldStore.OpenAsync(data, cancellationToken);
        var credential = await store.AddCredentialAsync("intake", "herald-bench", "bench-token", cancellationToken);
        var destination = await store.AddDestinationAsync("intake", credential.Id, SegmentName, cancellationToken);
        var runIds = new List<Guid>();
        for (var i = 0; i < warmUp + callbacks; i++)
        {
            runIds.Add((await store.AddAwaitingRunAsync(destination, cancellationToken)).Id);
        }
        var signer = CallbackSigner.ForDataDirectory(data);
        var requests = runIds.Select(id => ($"callbacks/insider-one/{id:N}/{signer.SecretFor(id)}", Body())).ToList();

        var apiKey = HeraldApi.NewKey();
        await using var server = await ServerProcess.StartHeraldAsync(run, data, new Dictionary<string, string>
        {
            ["Herald__Source__DuckDbPath"] = sample,
            ["Herald__InsiderOne__BaseUrl"] = "http://127.0.0.1:9/",
            ["Herald__ApiKey"] = apiKey,
        }, cancellationToken);
        var measurement = await MeasureAsync(server, requests, warmUp, cancellationToken);

        // Recorded, not only answered: every run is final with the reported counts.
        using var api = new HttpClient { BaseAddress = server.BaseUrl, DefaultRequestHeaders = { { "X-Herald-Api-Key", apiKey } } };
        foreach (var id in runIds.Where((_, i) => i % Math.Max(1, runIds.Count / 20) == 0))
        {
            var view = await api.GetFromJsonAsync<RunView>($"api/runs/{id}", BenchWorker.Json, cancellationToken);
            if (view is not { State: "succeeded", Report.Valid: 7 })
            {
                throw new BenchmarkFailedException($"{Name}: run {id} is {view?.State} after its callback was answered 200.");
            }
        }
        return measurement;
    }

    private async Task<Measurement> MeasureReferenceAsync(string directory, int warmUp, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var database = Path.Combine(directory, "receiver.db");
        var keyFile = Path.Combine(directory, "callback.key");
        var runIds = Enumerable.Range(0, warmUp + callbacks).Select(_ => Guid.NewGuid()).ToList();
        ReferenceReceiver.Prepare(database, runIds);
        var signer = CallbackSigner.ForKeyFile(keyFile);
        var requests = runIds.Select(id => ($"callbacks/{id:N}/{signer.SecretFor(id)}", Body())).ToList();

        var port = FreePort.Next();
        await using var server = await ServerProcess.StartAsync(typeof(ReferenceReceiver).Assembly.Location,
            ["worker", "receiver", database, port.ToString(System.Globalization.CultureInfo.InvariantCulture), keyFile],
            new Dictionary<string, string>(), new Uri($"http://127.0.0.1:{port}/"), ReferenceReceiver.HealthPath, cancellationToken);
        var measurement = await MeasureAsync(server, requests, warmUp, cancellationToken);
        var succeeded = ReferenceReceiver.CountSucceeded(database);
        if (succeeded != runIds.Count)
        {
            throw new BenchmarkFailedException($"{Name}: the reference receiver recorded {succeeded} of {runIds.Count} callbacks.");
        }
        return measurement;
    }

    private async Task<Measurement> MeasureAsync(ServerProcess server, IReadOnlyList<(string Path, string Body)> requests, int warmUp, CancellationToken cancellationToken)
    {
        using var http = LoadGenerator.Client(concurrency);
        var warm = await LoadGenerator.PostAsync(http, server.BaseUrl, requests.Take(warmUp).ToList(), concurrency, cancellationToken);
        var cpuBefore = server.CpuTime;
        var load = await LoadGenerator.PostAsync(http, server.BaseUrl, requests.Skip(warmUp).ToList(), concurrency, cancellationToken);
        var cpu = server.CpuTime - cpuBefore;
        if (warm.Count(HttpStatusCode.OK) != warm.Requests || load.Count(HttpStatusCode.OK) != load.Requests)
        {
            throw new BenchmarkFailedException($"{Name}: not every genuine callback was answered 200: {warm}; {load}.\n{server.Output}");
        }
        return new Measurement(load, cpu / load.Elapsed, cpu.TotalMilliseconds / load.Requests, server.PeakMemoryBytes);
    }

    private static string Body() =>
        $$"""{"segment_name":"{{SegmentName}}","valid_values_count":7,"invalid_values_count":0,"total_entered_values":7}""";

    private void Line(TextWriter log, string what, Measurement m) =>
        log.WriteLine($"  {what,-22} {m.Load.PerSecond,8:0} callbacks/s ({m.Load.Requests:N0} in {m.Load.Elapsed.TotalSeconds:0.00} s; " +
                      $"latency median {Stats.Median(m.Load.LatenciesMs):0.0} ms, p99 {Stats.Percentile(m.Load.LatenciesMs, 0.99):0.0} ms)   " +
                      $"server CPU {m.ServerCores * 100:0}% of one core, {m.CpuMsPerCallback:0.00} CPU-ms per callback; peak RSS {ProcessMemory.Megabytes(m.PeakMemoryBytes):0} MB");
}
