using Herald.Core.Audiences;
using Herald.Core.Catalog;
using Herald.Core.Runs;
using Herald.InsiderOne;
using Herald.Storage.Files;
using Herald.Storage.Secrets;
using Herald.Storage.Sqlite;
using Herald.Tests.Support;
using Xunit.Abstractions;

namespace Herald.Tests.Reliability;

/// <summary>
/// Many segments submitted at once go out within Insider One's limit of 100 per second per token (how close to it is
/// measured by the benchmarks), and never draw a 429 from a server that enforces it.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class BurstTests(ITestOutputHelper output)
{
    private const int Runs = 300;

    [Fact]
    public async Task ThreeHundredStagedRuns_AreSubmittedWithinTheRateLimitWithoutA429()
    {
        // Insider One processes the segments later, so that its downloads and callbacks do not compete with
        // the submissions for this machine's two cores while the rate is measured.
        await using var harness = await HeraldHarness.StartAsync(simulatorOptions: new Herald.Simulator.SimulatorOptions { ProcessingDelay = TimeSpan.FromSeconds(20) });
        var credential = await harness.Api.AddCredentialAsync("burst");
        var runIds = new List<Guid>();

        // The runs are staged while Herald is stopped, so that at start-up all 300 want to submit at once and
        // only the rate limiter paces them (building 300 files would pace them by itself).
        await harness.RestartAsync(
            settings: new Dictionary<string, string?> { ["Herald:Workers:Concurrency"] = "64" },
            whileStopped: async data => runIds.AddRange(await StageRunsAsync(data, credential.Id)));

        foreach (var id in runIds)
        {
            (await harness.Api.WaitForAsync(id, "awaiting_report", TimeSpan.FromSeconds(60))).State.ShouldBeOneOf("awaiting_report", "succeeded");
        }

        var uploads = harness.Simulator.Requests.Where(r => r.Path.EndsWith("upload")).OrderBy(r => r.At).ToList();
        uploads.Count(r => r.Status == 429).ShouldBe(0);
        uploads.Count(r => r.Status == 200).ShouldBe(Runs);
        // Measured where Insider One counts, at the server. The busiest second is reported, not asserted: it
        // includes the server's own jitter in when it records a request; the simulator's 429s are the verdict.
        var sustained = (uploads.Count - 1) / (uploads[^1].At - uploads[0].At).TotalSeconds;
        var busiestSecond = uploads.Select((u, i) => uploads.Skip(i).TakeWhile(v => v.At - u.At < TimeSpan.FromSeconds(1)).Count()).Max();
        output.WriteLine($"{Runs} uploads in {(uploads[^1].At - uploads[0].At).TotalSeconds:0.00} s: {sustained:0.0} per second " +
            $"against a limit of 100; busiest one-second window {busiestSecond}; 0 answered 429");
        // How close to the limit Herald gets is a figure for the benchmarks (bench/, docs/performance.md), not a test: on a
        // loaded machine it is slower, never faster. Going over the limit is a fault whatever the machine does.
        sustained.ShouldBeLessThanOrEqualTo(100);
    }

    private static async Task<IReadOnlyList<Guid>> StageRunsAsync(string data, Guid credentialId)
    {
        var database = new SqliteDatabase(Path.Combine(data, "herald.db"));
        var catalog = new SqliteCatalogStore(database, new SecretProtector(new DirectoryKeyRing(data)));
        var runs = new SqliteRunStore(database);
        var now = DateTimeOffset.UtcNow;
        var ids = new List<Guid>();
        for (var i = 0; i < Runs; i++)
        {
            // One destination per run: one destination has one run in flight at a time.
            var destination = new Destination(Guid.NewGuid(), $"burst-{i}", credentialId, InsiderOneDestinationSettings.Document($"Burst {i}", "email"), null, now, now);
            await catalog.SaveDestinationAsync(destination, CancellationToken.None);
            var run = new Run(Guid.NewGuid(), new RunOrigin(destination.Id, destination.Name, credentialId, null, null,
                "SELECT 'a@example.com' AS email", $"Burst {i}", "email", false, "burst-test"), now);
            var staged = await RunFiles.PublishAsync(data, run.Id, [$"person{i}@example.com"]);
            run.Staged(staged, now);
            await runs.CreateAsync(run, CancellationToken.None);
            ids.Add(run.Id);
        }
        return ids;
    }
}
