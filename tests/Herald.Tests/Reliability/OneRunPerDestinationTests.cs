using Herald.Tests.Support;

namespace Herald.Tests.Reliability;

/// <summary>
/// Insider One is still processing a segment until it reports: a second run for the same destination waits
/// for the first to be final, and a cancel leaves the destination free.
/// </summary>
public sealed class OneRunPerDestinationTests : IAsyncLifetime
{
    private const string Query = "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'";
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task SecondRun_ForTheSameDestination_WaitsUntilTheFirstIsFinal()
    {
        _harness.Simulator.Faults.CallbackDelay = TimeSpan.FromSeconds(1.5);
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("One at a time");

        var first = await _harness.Api.SendAsync(destination.Name, Query);
        var second = await _harness.Api.SendAsync(destination.Name, Query);
        (await _harness.Api.WaitForAsync(first.Id, "awaiting_report")).State.ShouldBe("awaiting_report");
        (await _harness.Api.GetRunAsync(second.Id)).State.ShouldBe("queued");

        var firstDone = await _harness.Api.WaitForAsync(first.Id);
        var secondDone = await _harness.Api.WaitForAsync(second.Id);

        firstDone.State.ShouldBe("succeeded");
        secondDone.State.ShouldBe("succeeded");
        secondDone.History.First(e => e.State == "building").At.ShouldBeGreaterThanOrEqualTo(firstDone.FinishedAt!.Value);
    }

    [Fact]
    public async Task Cancel_OfAWaitingRun_LeavesTheDestinationFreeForTheNext()
    {
        _harness.Simulator.Faults.CallbackDelay = TimeSpan.FromSeconds(1);
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Cancel me");
        var first = await _harness.Api.SendAsync(destination.Name, Query);
        var waiting = await _harness.Api.SendAsync(destination.Name, Query);

        var cancel = await _harness.Api.Http.PostAsync($"/api/runs/{waiting.Id}/cancel", null);
        cancel.EnsureSuccessStatusCode();
        (await _harness.Api.WaitForAsync(first.Id)).State.ShouldBe("succeeded");
        var next = await _harness.Api.SendAndWaitAsync(destination.Name, Query);

        (await _harness.Api.GetRunAsync(waiting.Id)).State.ShouldBe("cancelled");
        next.State.ShouldBe("succeeded");
        _harness.Simulator.Segments.Single(s => s.Name == "Cancel me").UploadCount.ShouldBe(2);
    }

    [Fact]
    public async Task Cancel_WhileAwaitingTheReport_StopsWaitingAndALaterCallbackChangesNothing()
    {
        _harness.Simulator.Faults.CallbackDelay = TimeSpan.FromSeconds(1);
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Cancel awaiting");
        var run = await _harness.Api.SendAsync(destination.Name, Query);
        (await _harness.Api.WaitForAsync(run.Id, "awaiting_report")).State.ShouldBe("awaiting_report");

        (await _harness.Api.Http.PostAsync($"/api/runs/{run.Id}/cancel", null)).EnsureSuccessStatusCode();
        await _harness.Simulator.WaitForIdleAsync();

        var final = await _harness.Api.GetRunAsync(run.Id);
        final.State.ShouldBe("cancelled");
        final.Reason.ShouldContain("already submitted");
        final.Report.ShouldBeNull();
    }
}
