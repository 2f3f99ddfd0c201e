using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text;
using Herald.Core.Audiences;
using Herald.Core.Catalog;
using Herald.Core.Runs;
using Herald.InsiderOne;
using Herald.Server.Security;
using Herald.Storage.Secrets;
using Herald.Storage.Sqlite;
using Herald.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Herald.Tests.Reliability;

/// <summary>
/// A few thousand callbacks against a running server, genuine ones with duplicates and forged ones mixed in:
/// every genuine report is recorded once, every forged one refused, and memory stays flat.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class CallbackSoakTests(ITestOutputHelper output)
{
    private const int Runs = 1_500;

    [Fact]
    public async Task ThousandsOfGenuineDuplicateAndForgedCallbacks_RecordEachGenuineReportOnceAndRefuseTheRest()
    {
        await using var harness = await HeraldHarness.StartAsync();
        var credential = await harness.Api.AddCredentialAsync("soak");
        var runIds = new List<Guid>();
        await harness.RestartAsync(whileStopped: async data => runIds.AddRange(await AwaitingRunsAsync(data, credential.Id)));
        var secrets = harness.Herald.Services.GetRequiredService<CallbackSecrets>();

        // Each run gets its genuine callback twice (Insider One may repeat itself), a forged one with a wrong
        // secret, and a forged one with the right secret for another run's id.
        var callbacks = runIds.SelectMany((id, i) => new[]
        {
            (Id: id, Secret: secrets.For(id), Valid: (long)(i % 7), Genuine: true),
            (Id: id, Secret: secrets.For(id), Valid: (long)(i % 7), Genuine: true),
            (Id: id, Secret: new string('0', 64), Valid: 99L, Genuine: false),
            (Id: id, Secret: secrets.For(runIds[(i + 1) % runIds.Count]), Valid: 98L, Genuine: false),
        }).OrderBy(c => HashCode.Combine(c.Id, c.Secret, c.Valid)).ToList();

        var statuses = new ConcurrentBag<(bool Genuine, HttpStatusCode Status)>();
        using var http = new HttpClient { BaseAddress = harness.Herald.BaseUrl };
        var half = callbacks.Count / 2;
        var started = DateTime.UtcNow;
        await SendAsync(http, callbacks.Take(half), statuses);
        var memoryAfterFirstHalf = Memory();
        await SendAsync(http, callbacks.Skip(half), statuses);
        var memoryAfterSecondHalf = Memory();
        var seconds = (DateTime.UtcNow - started).TotalSeconds;

        output.WriteLine($"{callbacks.Count} callbacks ({Runs * 2} genuine incl. {Runs} duplicates, {Runs * 2} forged) in {seconds:0.0} s " +
            $"({callbacks.Count / seconds:0} per second); managed memory after half {memoryAfterFirstHalf / 1048576.0:0.0} MB, after all {memoryAfterSecondHalf / 1048576.0:0.0} MB");
        statuses.Where(s => s.Genuine).ShouldAllBe(s => s.Status == HttpStatusCode.OK);
        statuses.Where(s => !s.Genuine).ShouldAllBe(s => s.Status == HttpStatusCode.Forbidden);
        var stored = await harness.Api.Http.GetStringAsync($"/api/runs?state=succeeded&limit=1000");
        JsonDocument.Parse(stored).RootElement.GetArrayLength().ShouldBe(1000);
        foreach (var (id, i) in runIds.Select((id, i) => (id, i)).Where(p => p.i % 50 == 0))
        {
            var run = await harness.Api.GetRunAsync(id);
            run.State.ShouldBe("succeeded");
            run.Report!.Valid.ShouldBe(i % 7);
            run.Calls.Count(c => c.Outcome == "recorded").ShouldBe(1);
            run.Calls.Count(c => c.Outcome.StartsWith("duplicate")).ShouldBe(1);
        }
        (memoryAfterSecondHalf - memoryAfterFirstHalf).ShouldBeLessThan(32L * 1024 * 1024, "memory stays flat");
    }

    private static async Task SendAsync(HttpClient http, IEnumerable<(Guid Id, string Secret, long Valid, bool Genuine)> callbacks,
        ConcurrentBag<(bool, HttpStatusCode)> statuses)
    {
        await Parallel.ForEachAsync(callbacks, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (callback, ct) =>
        {
            var body = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["segment_name"] = "Soak", ["valid_values_count"] = callback.Valid, ["invalid_values_count"] = 0L, ["total_entered_values"] = callback.Valid,
            });
            using var response = await http.PostAsync($"/callbacks/insider-one/{callback.Id:N}/{callback.Secret}",
                new StringContent(body, Encoding.UTF8, "application/json"), ct);
            statuses.Add((callback.Genuine, response.StatusCode));
        });
    }

    private static long Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task<IReadOnlyList<Guid>> AwaitingRunsAsync(string data, Guid credentialId)
    {
        var database = new SqliteDatabase(Path.Combine(data, "herald.db"));
        var catalog = new SqliteCatalogStore(database, new SecretProtector(new DirectoryKeyRing(data)));
        var store = new SqliteRunStore(database);
        var now = DateTimeOffset.UtcNow;
        var destination = new Destination(Guid.NewGuid(), "soak", credentialId, InsiderOneDestinationSettings.Document("Soak", "email"), null, now, now);
        await catalog.SaveDestinationAsync(destination, CancellationToken.None);
        var ids = new List<Guid>();
        for (var i = 0; i < Runs; i++)
        {
            var run = new Run(Guid.NewGuid(), new RunOrigin(destination.Id, destination.Name, credentialId, null, null,
                "SELECT email FROM Customer_360", "Soak", "email", false, "soak-test"), now);
            run.Accepted(new StagedFile(StagedFileNames.Of(run.Id, 1, 1), 10, now.AddHours(12)), now, now.AddHours(1), values: 7);
            await store.CreateAsync(run, CancellationToken.None);
            ids.Add(run.Id);
        }
        return ids;
    }
}
