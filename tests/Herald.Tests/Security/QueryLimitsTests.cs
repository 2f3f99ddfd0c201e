using System.Net;
using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Tests.Shared;
using Herald.Tests.Support;
using Microsoft.Extensions.Options;

namespace Herald.Tests.Security;

/// <summary>No query takes the server's memory or a core for longer than its settings allow, and none outlives its caller.</summary>
public sealed class QueryLimitsTests
{
    private const string Endless = "SELECT count(*) AS email FROM range(1000000000000)";

    [Fact]
    public async Task Preview_OfAQueryLongerThanTheTimeout_IsStoppedNamingTheSetting()
    {
        await using var harness = await HeraldHarness.StartAsync(settings: new Dictionary<string, string?> { ["Herald:Source:QueryTimeout"] = "00:00:01" });

        var response = await harness.Api.Http.PostAsJsonAsync("/api/queries/preview", new QueryPreviewRequest(Endless));

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        body.ShouldContain("Herald:Source:QueryTimeout");
    }

    [Fact]
    public async Task Preview_WhoseClientGoesAway_StopsItsQueryAndFreesItsPlace()
    {
        await using var harness = await HeraldHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Herald:Source:MaxConcurrentPreviews"] = "1",
            ["Herald:Source:QueryTimeout"] = "01:00:00",
        });
        using var caller = new CancellationTokenSource();
        Task<HttpResponseMessage> endless;
        HttpResponseMessage? refused = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        do
        {
            // The endless preview may lose the race for the only place to a poll sent right after it: then it is refused, and sent again.
            endless = harness.Api.Http.PostAsJsonAsync("/api/queries/preview", new QueryPreviewRequest(Endless), caller.Token);
            while (refused is null && !endless.IsCompleted && DateTime.UtcNow < deadline)
            {
                var poll = await harness.Api.Http.PostAsJsonAsync("/api/queries/preview", new QueryPreviewRequest("SELECT 'a@example.com' AS email"));
                refused = poll.StatusCode == HttpStatusCode.TooManyRequests ? poll : null;
            }
        }
        while (refused is null && endless.IsCompleted && (await endless).StatusCode == HttpStatusCode.TooManyRequests && DateTime.UtcNow < deadline);

        // While the endless preview runs it holds the only place: another preview is refused, naming the setting.
        refused.ShouldNotBeNull();
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Herald:Source:MaxConcurrentPreviews");

        await caller.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(endless);

        // DuckDB was interrupted: the place is free long before the hour-long timeout.
        var answered = await PollPreviewAsync(harness, HttpStatusCode.OK);
        (await answered.Content.ReadAsStringAsync()).ShouldContain("a@example.com");
    }

    [Fact]
    public async Task Send_OfAQueryLongerThanTheTimeout_FailsNamingTheSettingAndLeavesNoFile()
    {
        await using var harness = await HeraldHarness.StartAsync(settings: new Dictionary<string, string?> { ["Herald:Source:QueryTimeout"] = "00:00:01" });
        var destination = await harness.Api.AddDestinationWithCredentialAsync("Too slow");

        var run = await harness.Api.SendAndWaitAsync(destination.Name, Endless);

        run.State.ShouldBe("failed");
        run.Reason.ShouldNotBeNull().ShouldContain("Herald:Source:QueryTimeout");
        Directory.EnumerateFiles(Path.Combine(harness.DataDirectory, "files"), "*", SearchOption.AllDirectories).ShouldBeEmpty();
        harness.Simulator.Segments.ShouldBeEmpty();
    }

    [Fact]
    public async Task Send_OfAQueryThatNeverEnds_WhenCancelled_InterruptsDuckDbAndFreesItsWorker()
    {
        await using var harness = await HeraldHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Herald:Workers:Concurrency"] = "1",
            ["Herald:Workers:LeaseDuration"] = "00:00:03",
            ["Herald:Source:QueryTimeout"] = "01:00:00",
        });
        var endlessDestination = await harness.Api.AddDestinationWithCredentialAsync("Endless");
        var nextDestination = await harness.Api.AddDestinationWithCredentialAsync("Next");
        var endless = await harness.Api.SendAsync(endlessDestination.Name, Endless);
        (await harness.Api.WaitForAsync(endless.Id, "building")).State.ShouldBe("building");

        (await harness.Api.Http.PostAsync($"/api/runs/{endless.Id}/cancel", null)).EnsureSuccessStatusCode();

        // The only worker was building the endless audience: the next run gets it only if DuckDB was interrupted.
        var next = await harness.Api.SendAndWaitAsync(nextDestination.Name, "SELECT email FROM Customer_360 LIMIT 3");
        next.State.ShouldBe("succeeded", next.Reason);
        (await harness.Api.GetRunAsync(endless.Id)).State.ShouldBe("cancelled");
    }

    [Fact]
    public async Task Preview_OfHugeValues_IsCutInBytesAndSaysSo()
    {
        await using var harness = await HeraldHarness.StartAsync();

        var response = await harness.Api.Http.PostAsJsonAsync("/api/queries/preview",
            new QueryPreviewRequest("SELECT repeat('x', 1000000) AS email FROM range(300)", MaxRows: 1000));

        var preview = await HeraldApi.ReadAsync<QueryPreviewView>(response, HttpStatusCode.OK);
        response.Content.Headers.ContentLength.ShouldNotBeNull().ShouldBeLessThan(400_000);
        preview.Rows.ShouldNotBeEmpty();
        preview.Rows.ShouldAllBe(row => row[0]!.Length <= 1_000);
        preview.Shortened.ShouldNotBeNull().ShouldContain("Herald:Source:PreviewMaxChars");
    }

    [Fact]
    public async Task Preview_OfLongValues_CutsEachCellAndSaysSo()
    {
        await using var harness = await HeraldHarness.StartAsync();

        var response = await harness.Api.Http.PostAsJsonAsync("/api/queries/preview",
            new QueryPreviewRequest("SELECT repeat('x', 5000) AS email FROM range(3)"));

        var preview = await HeraldApi.ReadAsync<QueryPreviewView>(response, HttpStatusCode.OK);
        preview.Rows.Count.ShouldBe(3);
        preview.Rows.ShouldAllBe(row => row[0]!.Length == 1_000);
        preview.Shortened.ShouldNotBeNull().ShouldContain("Herald:Source:PreviewMaxCellChars");
    }

    [Fact]
    public async Task Preview_OfAValueOfHundredsOfMegabytes_IsCutInsideDuckDbSoHeraldNeverHoldsIt()
    {
        // DuckDB may build the value within its own memory limit; Herald must only ever receive the cut cell.
        await using var harness = await HeraldHarness.StartAsync(settings: new Dictionary<string, string?> { ["Herald:Source:MemoryLimit"] = "1GB" });
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var response = await harness.Api.Http.PostAsJsonAsync("/api/queries/preview",
            new QueryPreviewRequest("SELECT repeat(chr(120), 200000000) AS email"));

        var preview = await HeraldApi.ReadAsync<QueryPreviewView>(response, HttpStatusCode.OK);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        preview.Rows.ShouldHaveSingleItem()[0]!.Length.ShouldBe(1_000);
        preview.Shortened.ShouldNotBeNull().ShouldContain("Herald:Source:PreviewMaxCellChars");
        // Whole, the value would be 200 MB of UTF-8 and 400 MB as a .NET string; other tests allocate beside this one.
        allocated.ShouldBeLessThan(300_000_000);
    }

    [Fact]
    public async Task Preview_ThatWouldSpillPastTheTempCap_FailsNamingTheSetting()
    {
        await using var harness = await HeraldHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Herald:Source:MemoryLimit"] = "64MB",
            ["Herald:Source:MaxTempDirectorySize"] = "1MB",
        });

        var body = await RefusedPreviewAsync(harness,
            "SELECT count(*) AS email FROM (SELECT i::VARCHAR || repeat('x', 100) AS v FROM range(5000000) t(i) GROUP BY v)");

        body.ShouldContain("Herald__Source__MaxTempDirectorySize");
        body.ShouldNotContain("SET ");
    }

    [Fact]
    public async Task Preview_ThatRunsOutOfMemory_NamesHeraldsSettingsNotDuckDbStatements()
    {
        await using var harness = await HeraldHarness.StartAsync(settings: new Dictionary<string, string?> { ["Herald:Source:MemoryLimit"] = "20MB" });

        var body = await RefusedPreviewAsync(harness, "SELECT string_agg(i::VARCHAR || repeat('x', 100), ',') AS email FROM range(2000000) t(i)");

        body.ShouldContain("Herald__Source__MemoryLimit");
        body.ShouldNotContain("SET memory_limit");
        body.ShouldNotContain("SET threads");
    }

    [Fact]
    public async Task Preview_CannotListTheSpillFolderOfOtherQueries()
    {
        await using var harness = await HeraldHarness.StartAsync();
        var spill = Path.Combine(harness.DataDirectory, "tmp", "duckdb");

        var body = await RefusedPreviewAsync(harness, $"SELECT file AS email FROM glob('{spill}/**')");

        body.ShouldContain("Herald:Source:AllowedDirectories");
    }

    [Theory]
    [InlineData("holds it")]
    [InlineData("inside it")]
    public async Task Start_WithAnAllowedDirectoryOverlappingTheDataDirectory_IsRefusedNamingTheSetting(string overlap)
    {
        using var directory = new TestDirectory("overlap");
        var data = Path.Combine(directory.Path, "data");
        await using var simulator = await Herald.Simulator.InsiderOneSimulator.StartAsync(new Herald.Simulator.SimulatorOptions());
        var sample = await TestDatabases.SampleAsync();
        var allowed = overlap == "holds it" ? directory.Path : Path.Combine(data, "files");

        var refused = await Should.ThrowAsync<OptionsValidationException>(() => HeraldHarness.StartHeraldAsync(
            data, simulator, sample, new Dictionary<string, string?> { ["Herald:Source:AllowedDirectories:0"] = allowed }, null));

        refused.Message.ShouldContain("Herald:Source:AllowedDirectories");
    }

    [Theory]
    [InlineData("allowed folder")]
    [InlineData("data directory")]
    public async Task Start_WithAnOverlapReachedThroughALinkedParentFolder_IsRefusedNamingTheSetting(string throughTheLink)
    {
        // other/up links back to the test folder: other/up/data-dir/keys is the data directory's keys folder.
        using var directory = new TestDirectory("linkedparent");
        Directory.CreateDirectory(Path.Combine(directory.Path, "other"));
        Directory.CreateSymbolicLink(Path.Combine(directory.Path, "other", "up"), directory.Path);
        var viaLink = Path.Combine(directory.Path, "other", "up", "data-dir");
        var direct = Path.Combine(directory.Path, "data-dir");
        var (data, allowed) = throughTheLink == "allowed folder"
            ? (direct, Path.Combine(viaLink, "keys"))
            : (viaLink, Path.Combine(direct, "keys"));
        await using var simulator = await Herald.Simulator.InsiderOneSimulator.StartAsync(new Herald.Simulator.SimulatorOptions());
        var sample = await TestDatabases.SampleAsync();

        var refused = await Should.ThrowAsync<OptionsValidationException>(() => HeraldHarness.StartHeraldAsync(
            data, simulator, sample, new Dictionary<string, string?> { ["Herald:Source:AllowedDirectories:0"] = allowed }, null));

        refused.Message.ShouldContain("Herald:Source:AllowedDirectories");
    }

    [Fact]
    public async Task Start_WithTheEmbeddedSample_AllowsItsFolderAndPreviewsWork()
    {
        using var directory = new TestDirectory("samplefolder");
        await using var simulator = await Herald.Simulator.InsiderOneSimulator.StartAsync(new Herald.Simulator.SimulatorOptions());
        await using var herald = await HeraldHarness.StartHeraldAsync(Path.Combine(directory.Path, "data"), simulator, null!,
            new Dictionary<string, string?> { ["Herald:Source:DuckDbPath"] = null, ["Herald:Source:SampleCustomers"] = "50" }, null);
        using var api = new HeraldApi(herald.BaseUrl, herald.ApiKey);

        var sample = await api.Http.PostAsJsonAsync("/api/queries/preview", new QueryPreviewRequest("SELECT email FROM Customer_360 LIMIT 1"));
        var keys = await api.Http.PostAsJsonAsync("/api/queries/preview",
            new QueryPreviewRequest($"SELECT content AS email FROM read_text('{herald.DataDirectory}/api-key')"));

        sample.StatusCode.ShouldBe(HttpStatusCode.OK, await sample.Content.ReadAsStringAsync());
        keys.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await keys.Content.ReadAsStringAsync()).ShouldNotContain(herald.ApiKey);
    }

    private static async Task<string> RefusedPreviewAsync(HeraldHarness harness, string query)
    {
        var response = await harness.Api.Http.PostAsJsonAsync("/api/queries/preview", new QueryPreviewRequest(query));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        return body;
    }

    private static Task<HttpResponseMessage> PollPreviewAsync(HeraldHarness harness, HttpStatusCode wanted) =>
        Eventually.ValueAsync(
            () => harness.Api.Http.PostAsJsonAsync("/api/queries/preview", new QueryPreviewRequest("SELECT 'a@example.com' AS email")),
            response => response.StatusCode == wanted,
            response => $"but no preview answered {wanted}; the last answered {response.StatusCode}: {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}",
            poll: TimeSpan.FromMilliseconds(50));
}
