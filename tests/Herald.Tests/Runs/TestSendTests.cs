using System.Net;
using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Tests.Shared;
using Herald.Tests.Support;

namespace Herald.Tests.Runs;

/// <summary>
/// A test send belongs to its orchestration: listed with its runs and marked as a test, it sends exactly the number of
/// values asked for (the sample is taken after the value rules), and it is never taken for the orchestration's success.
/// </summary>
public sealed class TestSendTests
{
    // 3 empty, 2 that are no email address, a duplicate, then 15 distinct addresses: only those 15 can be sent.
    private static readonly string Mixed =
        "SELECT * FROM (VALUES ('') , (''), ('  '), ('not-an-email'), ('also not'), ('p1@example.com'), " +
        string.Join(", ", Enumerable.Range(1, 15).Select(i => $"('p{i}@example.com')")) + ") AS t(email)";

    [Fact]
    public async Task TestSend_OfAnOrchestration_SendsExactlyTheSampleAfterTheValueRules_ListedWithItsRunsAsATest()
    {
        await using var harness = await HeraldHarness.StartAsync();
        var destination = await harness.Api.AddDestinationWithCredentialAsync("Real segment");
        await AddOrchestrationAsync(harness, "mixed", destination.Name, Mixed);

        var started = await TestSendAsync(harness, "mixed", "Mixed (test)", 10);
        var run = await harness.Api.WaitForAsync(started.Id);

        run.State.ShouldBe("succeeded", run.Reason);
        run.TestSampleSize.ShouldBe(10);
        run.Orchestration.ShouldNotBeNull().Name.ShouldBe("mixed");
        run.SegmentName.ShouldBe("Mixed (test)");
        var counts = run.Counts.ShouldNotBeNull();
        (counts.RowsQueried, counts.ValuesSent, counts.ValuesUploaded, counts.EmptyValues, counts.DuplicateValues).ShouldBe((21, 10, 10, 3, 1));
        counts.SetAside.OrderBy(p => p.Key).ShouldBe([new("beyond_sample", 5), new("invalid_email", 2)]);
        harness.Simulator.Segments.Single(s => s.Name == "Mixed (test)").Values.Count.ShouldBe(10);
        harness.Simulator.Segments.ShouldNotContain(s => s.Name == "Real segment");
        run.NextStep.ShouldBe("Check the test segment 'Mixed (test)' in InOne; if it looks right, run the orchestration: herald orchestration run mixed.");

        var listed = await HeraldApi.ReadAsync<List<RunSummary>>(await harness.Api.Http.GetAsync("/api/runs?orchestration=mixed"), HttpStatusCode.OK);
        listed.ShouldHaveSingleItem().TestSampleSize.ShouldBe(10);
        // The orchestration's last run is a real one: the test does not stand for it.
        (await HeraldApi.ReadAsync<OrchestrationView>(await harness.Api.Http.GetAsync("/api/orchestrations/mixed"), HttpStatusCode.OK)).LastRun.ShouldBeNull();
    }

    [Fact]
    public async Task TestSend_ToTheDestinationsOwnSegment_IsRefusedNamingIt_AndNothingIsSent()
    {
        await using var harness = await HeraldHarness.StartAsync();
        var destination = await harness.Api.AddDestinationWithCredentialAsync("Own segment");
        await AddOrchestrationAsync(harness, "own", destination.Name, Mixed);

        var response = await harness.Api.Http.PostAsJsonAsync("/api/orchestrations/own/test-sends", new TestSendRequest("own segment", 10));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("is the destination's own segment");
        (await HeraldApi.ReadAsync<List<RunSummary>>(await harness.Api.Http.GetAsync("/api/runs?orchestration=own"), HttpStatusCode.OK)).ShouldBeEmpty();
        harness.Simulator.Segments.ShouldBeEmpty();
    }

    [Fact]
    public async Task TestSend_ThatSucceeds_DoesNotStartTheOrchestrationsThatRunAfterIt_WhileARealRunDoes()
    {
        await using var harness = await HeraldHarness.StartAsync();
        var first = await harness.Api.AddDestinationWithCredentialAsync("First");
        var second = await harness.Api.AddDestinationWithCredentialAsync("Second");
        await AddOrchestrationAsync(harness, "first", first.Name, Mixed);
        await AddOrchestrationAsync(harness, "second", second.Name, Mixed);
        (await harness.Api.Http.PutAsJsonAsync("/api/orchestrations/second/schedule", new ScheduleInput(After: "first"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await harness.Api.WaitForAsync((await TestSendAsync(harness, "first", "First (test)", 5)).Id)).State.ShouldBe("succeeded");
        var real = await HeraldApi.ReadAsync<RunView>(await harness.Api.Http.PostAsJsonAsync("/api/orchestrations/first/runs", new RunRequest()), HttpStatusCode.Accepted);
        (await harness.Api.WaitForAsync(real.Id)).State.ShouldBe("succeeded");

        // The real run's success starts 'second' once; the test's success, earlier, started nothing.
        var followers = await Eventually.ValueAsync(
            async () => await HeraldApi.ReadAsync<List<RunSummary>>(await harness.Api.Http.GetAsync("/api/runs?orchestration=second"), HttpStatusCode.OK),
            runs => runs.Count > 0, runs => "but 'second' never ran after the real run of 'first'");
        followers.ShouldHaveSingleItem().TestSampleSize.ShouldBeNull();
    }

    private static async Task AddOrchestrationAsync(HeraldHarness harness, string name, string destination, string query) =>
        (await harness.Api.Http.PostAsJsonAsync("/api/orchestrations", new OrchestrationInput(name, destination, query))).StatusCode.ShouldBe(HttpStatusCode.Created);

    private static async Task<RunView> TestSendAsync(HeraldHarness harness, string orchestration, string segment, int size) =>
        await HeraldApi.ReadAsync<RunView>(
            await harness.Api.Http.PostAsJsonAsync($"/api/orchestrations/{orchestration}/test-sends", new TestSendRequest(segment, size)), HttpStatusCode.Accepted);
}
