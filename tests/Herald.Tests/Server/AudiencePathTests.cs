using System.Net.Http.Json;
using Herald.Tests.Support;

namespace Herald.Tests.Server;

/// <summary>The audience path end to end: a query over the customer 360 becomes a segment in Insider One.</summary>
public sealed class AudiencePathTests : IAsyncLifetime
{
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Send_OfGoldCustomersEmails_SucceedsWithInsiderOnesReportReconcilingWithHeraldsCounts()
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("VIP customers");

        var run = await _harness.Api.SendAndWaitAsync(destination.Name, "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'");

        run.State.ShouldBe("succeeded", run.Reason);
        var counts = run.Counts!;
        counts.RowsQueried.ShouldBe(TestDatabases.Scalar(_harness.SourcePath, "SELECT count(*) FROM Customer_360 WHERE loyalty_tier = 'gold'"));
        counts.ValuesSent.ShouldBeGreaterThan(0);
        (counts.ValuesSent + counts.EmptyValues + counts.DuplicateValues + counts.SetAside.Values.Sum()).ShouldBe(counts.RowsQueried);
        run.Report!.Total.ShouldBe(counts.ValuesSent);
        run.Report.Valid.ShouldBe(counts.ValuesSent, "Herald sets aside what Insider One would call invalid");
        run.Report.Invalid.ShouldBe(0);

        var segment = _harness.Simulator.Segments.Single(s => s.Name == "VIP customers");
        segment.Values.Count.ShouldBe((int)counts.ValuesSent);
        segment.UploadCount.ShouldBe(1);
        // Insider One's download is noted whenever it happens, which may be before Herald has recorded the 200.
        const string downloaded = "Insider One downloaded the file.";
        run.History.Where(h => h.Reason != downloaded).Select(h => h.State)
            .ShouldBe(["queued", "building", "comparing", "staging", "submitting", "submitting", "awaiting_report", "succeeded"]);
        run.History.Count(h => h.Reason == downloaded).ShouldBe(1);
        run.Calls.ShouldContain(c => c.Operation == "upload" && c.Status == 200);
        await _harness.Api.WaitForCallsAsync(run.Id, calls => calls.Any(c => c.Operation == "callback" && c.Outcome == "recorded"), "the recorded callback");
    }

    [Fact]
    public async Task Send_SecondTimeToTheSameSegment_ReplacesItsValues()
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Replace me");

        (await _harness.Api.SendAndWaitAsync(destination.Name, "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'")).State.ShouldBe("succeeded");
        // Every gold member leaves the segment: more than the shrink guard lets through unforced.
        var second = await _harness.Api.SendAndWaitAsync(destination.Name, "SELECT email FROM Customer_360 WHERE loyalty_tier = 'silver'", force: true);

        second.State.ShouldBe("succeeded", second.Reason);
        var segment = _harness.Simulator.Segments.Single(s => s.Name == "Replace me");
        segment.UploadCount.ShouldBe(2);
        segment.Values.Count.ShouldBe((int)second.Counts!.ValuesSent);
    }

    [Fact]
    public async Task Orchestration_RunByHand_SucceedsAndIsListedAsItsLastRun()
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Orchestrated");
        var create = await _harness.Api.Http.PostAsJsonAsync("/api/orchestrations",
            new Herald.Server.Api.OrchestrationInput("vip-daily", destination.Name, "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'"));
        create.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await create.Content.ReadAsStringAsync());

        var started = await HeraldApi.ReadAsync<Herald.Server.Api.RunView>(
            await _harness.Api.Http.PostAsJsonAsync("/api/orchestrations/vip-daily/runs", new Herald.Server.Api.RunRequest()), System.Net.HttpStatusCode.Accepted);
        var run = await _harness.Api.WaitForAsync(started.Id);

        run.State.ShouldBe("succeeded", run.Reason);
        run.Orchestration!.Name.ShouldBe("vip-daily");
        var orchestration = await _harness.Api.Http.GetFromJsonAsync<Herald.Server.Api.OrchestrationView>("/api/orchestrations/vip-daily", HeraldApi.Json);
        orchestration!.LastRun!.Id.ShouldBe(run.Id);
        orchestration.LastRun.State.ShouldBe("succeeded");
    }

    [Fact]
    public async Task RunList_FiltersByStateAndDestination()
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Listed");
        var ok = await _harness.Api.SendAndWaitAsync(destination.Name, "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'");
        var failed = await _harness.Api.SendAndWaitAsync(destination.Name, "SELECT email, given_name FROM Customer_360");

        var succeeded = await _harness.Api.Http.GetFromJsonAsync<List<Herald.Server.Api.RunSummary>>($"/api/runs?state=succeeded&destination={destination.Name}", HeraldApi.Json);
        var all = await _harness.Api.Http.GetFromJsonAsync<List<Herald.Server.Api.RunSummary>>($"/api/runs?destination={destination.Name}", HeraldApi.Json);

        succeeded!.Select(r => r.Id).ShouldBe([ok.Id]);
        all!.Select(r => r.Id).ShouldBe([failed.Id, ok.Id]);
    }

    [Fact]
    public async Task Api_WithoutTheKey_IsRefusedAndSaysWhereTheKeyIs()
    {
        using var anonymous = new HttpClient { BaseAddress = _harness.Herald.BaseUrl };

        var response = await anonymous.GetAsync("/api/runs");

        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("api-key");
    }

    [Fact]
    public async Task Credential_TokenIsNeverShownBackAndIsEncryptedAtRest()
    {
        const string token = "very-secret-token-4711";
        await _harness.Api.AddCredentialAsync("secretive", token: token);

        var listed = await _harness.Api.Http.GetStringAsync("/api/credentials");
        var shown = await _harness.Api.Http.GetStringAsync("/api/credentials/secretive");

        listed.ShouldNotContain(token);
        shown.ShouldNotContain(token);
        foreach (var file in Directory.EnumerateFiles(_harness.DataDirectory, "*", SearchOption.AllDirectories))
        {
            System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)).ShouldNotContain(token, customMessage: Path.GetFileName(file));
        }
    }
}
