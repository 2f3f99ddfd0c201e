using Herald.Benchmarks.Support;
using Herald.Server;
using Herald.Simulator;

namespace Herald.Benchmarks.Cases;

/// <summary>
/// Case 2. Segments already staged, all wanting to be submitted at once to a simulator that enforces Insider
/// One's 100 requests per second per token: the rate achieved, measured where Insider One counts (at the
/// simulator), against that ceiling; and no 429.
/// </summary>
public sealed class SubmissionCase(int segments) : IBenchmarkCase
{
    public string Name => "submission";

    public string Description => $"{segments:N0} staged segments submitted to a simulator enforcing 100 requests/s per token: achieved rate vs the ceiling";

    public async Task<IReadOnlyList<BenchmarkResult>> RunAsync(BenchmarkRun run, CancellationToken cancellationToken)
    {
        var sample = await SampleCache.GetAsync(run.WorkDirectory, BenchmarkCases.SmokeCustomers, run.Log, cancellationToken);
        using var scratch = run.Scratch(Name);
        var account = new SimulatorAccount { PartnerName = "herald-bench", Token = "bench-token" };
        // Insider One processes the segments later, so that its downloads and callbacks do not take the
        // machine's cores from the submissions while the rate is measured.
        var options = new SimulatorOptions { Accounts = [account], ProcessingDelay = TimeSpan.FromMinutes(10) };
        await using var simulator = await InsiderOneSimulator.StartAsync(options, cancellationToken: cancellationToken);

        // Staged while the server is stopped, so that at start every run wants to submit at once and only the
        // rate limiter paces them (building the files would pace them by itself).
        var data = scratch.Combine("herald");
        var store = await HeraldStore.OpenAsync(data, cancellationToken);
        var credential = await store.AddCredentialAsync("bench", account.PartnerName, account.Token, cancellationToken);
        for (var i = 0; i < segments; i++)
        {
            // One destination per run: a destination has one run in flight at a time.
            var destination = await store.AddDestinationAsync($"burst-{i}", credential.Id, $"Burst {i}", cancellationToken);
            await store.AddStagedRunAsync(destination, $"person{i}@example.com", cancellationToken);
        }

        var started = DateTimeOffset.UtcNow;
        await using var herald = await HeraldServer.StartAsync(new HeraldStartOptions
        {
            DataDirectory = data,
            Settings = new Dictionary<string, string?>
            {
                ["Herald:InsiderOne:BaseUrl"] = simulator.BaseUrl.ToString(),
                ["Herald:Source:DuckDbPath"] = sample,
                ["Herald:Workers:Concurrency"] = "64",
            },
        }, cancellationToken);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30 + segments / 20.0);
        List<ReceivedRequest> uploads;
        while (true)
        {
            uploads = [.. simulator.Requests.Where(r => r.Path.EndsWith("/upload", StringComparison.Ordinal)).OrderBy(r => r.At)];
            if (uploads.Count(r => r.Status == 200) >= segments)
            {
                break;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new BenchmarkFailedException($"{Name}: only {uploads.Count(r => r.Status == 200)} of {segments} segments were accepted in time " +
                    $"({uploads.Count(r => r.Status == 429)} answered 429).");
            }
            await Task.Delay(50, cancellationToken);
        }

        var tooMany = uploads.Count(r => r.Status == 429);
        var span = (uploads[^1].At - uploads[0].At).TotalSeconds;
        var sustained = (uploads.Count - 1) / span;
        var busiest = BusiestSecond(uploads);
        var ceiling = options.RequestsPerSecondPerToken;
        run.Log.WriteLine($"  {uploads.Count:N0} uploads in {span:0.00} s at the simulator: {sustained:0.0} per second against its limit of {ceiling}; " +
                          $"busiest one-second window {busiest}; {tooMany} answered 429; first upload {(uploads[0].At - started).TotalSeconds:0.00} s after the server was started");
        run.Log.WriteLine($"  goal: at least 95% of the ceiling with zero 429s: {(sustained >= 0.95 * ceiling && tooMany == 0 ? "met" : "NOT met")}");
        if (tooMany > 0)
        {
            throw new BenchmarkFailedException($"{Name}: {tooMany} uploads were answered 429 by a simulator enforcing {ceiling} per second.");
        }
        return [new BenchmarkResult(Name, sustained, ceiling, "req/s")];
    }

    private static int BusiestSecond(IReadOnlyList<ReceivedRequest> uploads)
    {
        var busiest = 0;
        var start = 0;
        for (var end = 0; end < uploads.Count; end++)
        {
            while (uploads[end].At - uploads[start].At >= TimeSpan.FromSeconds(1))
            {
                start++;
            }
            busiest = Math.Max(busiest, end - start + 1);
        }
        return busiest;
    }
}
