using Herald.Simulator;
using Herald.Tests.Shared;
using Herald.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Reliability;

/// <summary>Insider One misbehaves in the ways it may; each run still ends in the state a user would expect.</summary>
public sealed class SimulatorFaultTests : IAsyncLifetime
{
    private const string Query = "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync(clock: _clock,
        simulatorOptions: new SimulatorOptions { ProcessingDelay = TimeSpan.FromMilliseconds(300), CallbackRetryDelay = TimeSpan.FromMilliseconds(100), CallbackAttempts = 2 });

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task DuplicatedCallbacks_AreRecordedOnce()
    {
        _harness.Simulator.Faults.DuplicateCallbacks = true;
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Said twice");

        var run = await _harness.Api.SendAndWaitAsync(destination.Name, Query);
        await _harness.Simulator.WaitForIdleAsync();

        run = await _harness.Api.GetRunAsync(run.Id);
        run.State.ShouldBe("succeeded");
        run.Calls.Count(c => c.Operation == "callback" && c.Outcome == "recorded").ShouldBe(1);
        run.Calls.Count(c => c.Operation == "callback" && c.Outcome.StartsWith("duplicate")).ShouldBe(1);
        _harness.Simulator.Callbacks.Count(c => c.SegmentName == "Said twice").ShouldBe(2);
    }

    [Fact]
    public async Task CallbackForAnUnknownSegment_IsRefusedAndTheRunKeepsItsOwnReport()
    {
        _harness.Simulator.Faults.CallbackForUnknownSegment = true;
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Mistaken identity");

        var run = await _harness.Api.SendAndWaitAsync(destination.Name, Query);
        await _harness.Simulator.WaitForIdleAsync();

        run.State.ShouldBe("succeeded");
        run.Report!.Total.ShouldBe(run.Counts!.ValuesSent);
        _harness.Simulator.Callbacks.ShouldContain(c => c.SegmentName != "Mistaken identity" && c.Status == 400);
    }

    [Fact]
    public async Task DroppedCallback_FailsTheRunAtTheDeadlineWithAReasonToAct()
    {
        _harness.Simulator.Faults.DropCallbacks = true;
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Never heard back");
        var run = await _harness.Api.WaitForAsync((await _harness.Api.SendAsync(destination.Name, Query)).Id, "awaiting_report");
        await _harness.Simulator.WaitForIdleAsync();

        _clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        run = await _harness.Api.WaitForAsync(run.Id);

        run.State.ShouldBe("failed");
        run.Reason.ShouldContain("No report from Insider One");
        _harness.Simulator.Segments.Single(s => s.Name == "Never heard back").State.ShouldBe("processed");
    }

    [Fact]
    public async Task FileGoneBeforeInsiderOneDownloadedIt_NeverReportsSuccess()
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Lost file");
        var run = await _harness.Api.WaitForAsync((await _harness.Api.SendAsync(destination.Name, Query)).Id, "awaiting_report");

        // The file store loses the file between submission and Insider One's download.
        File.Delete(Path.Combine(_harness.DataDirectory, "files", "served", $"{run.Id:N}.csv"));
        await _harness.Simulator.WaitForIdleAsync();
        _clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        run = await _harness.Api.WaitForAsync(run.Id);

        run.State.ShouldBe("failed");
        _harness.Simulator.Segments.Single(s => s.Name == "Lost file").State.ShouldBe("download_failed");
    }

    [Fact]
    public async Task RefusedSegmentLookUp_AfterARestartInDoubt_SubmitsAgainOnce()
    {
        // Herald cannot ask Insider One whether its in-doubt submission arrived; it submits again, and Insider One
        // keeps one segment per name.
        _harness.Simulator.Faults.RefuseDownloads = true;
        _harness.Simulator.Faults.UploadDelay = TimeSpan.FromSeconds(3);
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("In doubt");
        var started = await _harness.Api.SendAsync(destination.Name, Query);
        await WaitForSubmissionToLeaveAsync(started.Id);

        await _harness.RestartAsync(clock: _clock);
        _harness.Simulator.Faults.UploadDelay = TimeSpan.Zero;
        var run = await _harness.Api.WaitForAsync(started.Id, timeout: TimeSpan.FromSeconds(30));

        run.State.ShouldBe("succeeded", run.Reason);
        run.History.ShouldContain(e => e.Reason.Contains("could not tell"));
        _harness.Simulator.Segments.Single(s => s.Name == "In doubt").Values.Count.ShouldBe((int)run.Counts!.ValuesSent);
    }

    private Task WaitForSubmissionToLeaveAsync(Guid runId) =>
        Eventually.TrueAsync(async () => (await _harness.Api.GetRunAsync(runId)).History.Any(e => e.Reason.StartsWith("Submitting the segment")),
            "the run records its submission as leaving");
}
