using Herald.Tests.Support;

namespace Herald.Tests.Updates;

/// <summary>
/// A daily orchestration keeps a segment in Insider One following its audience (insider-one.md section 4): each run
/// downloads the segment, records what changes against it, and uploads the update under the same name.
/// </summary>
public sealed class SegmentUpdateTests : IAsyncLifetime
{
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task DailyRun_ThatAdds3AndRemoves2_RecordsExactlyThoseDifferences()
    {
        var daily = await DailyOrchestration.CreateAsync(_harness.Api, "Daily members");
        var yesterday = await daily.RunAsync(Members.Query(0, 100));
        yesterday.State.ShouldBe("succeeded", yesterday.Reason);

        var today = await daily.RunAsync(Members.Query(2, 103));

        today.State.ShouldBe("succeeded", today.Reason);
        today.Diff.ShouldNotBeNull();
        (today.Diff.Added, today.Diff.Removed, today.Diff.Kept).ShouldBe((3, 2, 98));
        today.Diff.Mode.ShouldBe("replace");
        today.History.Select(e => e.State).ShouldContain("comparing");
        Values("Daily members").ShouldBe(Members.Emails(2, 103), ignoreOrder: true);
        var sample = await daily.DiffSampleAsync(today.Id);
        sample.Added.ShouldBe(Members.Emails(100, 103), ignoreOrder: true);
        sample.Removed.ShouldBe(Members.Emails(0, 2), ignoreOrder: true);
        sample.Kept.Count.ShouldBe(98);
        today.Calls.ShouldContain(c => c.Operation == "download segment" && c.Status == 200);
        today.Calls.ShouldContain(c => c.Operation == "download file" && c.Outcome == "downloaded");
        _harness.Simulator.Segments.Single(s => s.Name == "Daily members").UploadCount.ShouldBe(2, "the update goes up under the same name");
    }

    [Fact]
    public async Task FirstSend_AndAnUnchangedAudience_PassTheGuardWithTheirDifferences()
    {
        var daily = await DailyOrchestration.CreateAsync(_harness.Api, "Unchanged", shrinkGuardShare: 0);

        var first = await daily.RunAsync(Members.Query(0, 20));
        var second = await daily.RunAsync(Members.Query(0, 20));

        first.State.ShouldBe("succeeded", first.Reason);
        (first.Diff!.Added, first.Diff.Removed, first.Diff.Kept).ShouldBe((20, 0, 0));
        first.History.ShouldContain(e => e.Reason.Contains("all 20 are new"));
        second.State.ShouldBe("succeeded", second.Reason);
        (second.Diff!.Added, second.Diff.Removed, second.Diff.Kept).ShouldBe((0, 0, 20));
    }

    [Fact]
    public async Task QueryThatSuddenlyReturns10PercentOfYesterday_IsStoppedBeforeUploadingWithTheNumbers()
    {
        var daily = await DailyOrchestration.CreateAsync(_harness.Api, "Shrinking");
        (await daily.RunAsync(Members.Query(0, 100))).State.ShouldBe("succeeded");

        var today = await daily.RunAsync(Members.Query(0, 10));

        today.State.ShouldBe("failed");
        today.Failure.ShouldBe("shrink_guard");
        today.Reason.ShouldContain("remove 90 of the segment's 100 members (90%)");
        today.Reason.ShouldContain("more than the 50% allowed");
        today.Reason.ShouldNotContain("herald ", Case.Sensitive, "a reason states what happened; each edge writes its own advice");
        today.NextStep!.ShouldContain($"herald orchestration run {daily.Name} --force");
        (today.Diff!.Added, today.Diff.Removed, today.Diff.Kept).ShouldBe((0, 90, 10));
        (await daily.DiffSampleAsync(today.Id)).Removed.Count.ShouldBe(90);
        today.Calls.ShouldNotContain(c => c.Operation == "upload");
        Values("Shrinking").Count.ShouldBe(100, "the segment is untouched");
    }

    [Fact]
    public async Task ForcedRun_GoesThroughTheShrinkGuard()
    {
        var daily = await DailyOrchestration.CreateAsync(_harness.Api, "Forced");
        (await daily.RunAsync(Members.Query(0, 100))).State.ShouldBe("succeeded");
        (await daily.RunAsync(Members.Query(0, 10))).Failure.ShouldBe("shrink_guard");

        var forced = await daily.RunAsync(Members.Query(0, 10), force: true);

        forced.State.ShouldBe("succeeded", forced.Reason);
        forced.Diff!.Forced.ShouldBeTrue();
        (forced.Diff.Added, forced.Diff.Removed, forced.Diff.Kept).ShouldBe((0, 90, 10));
        forced.History.ShouldContain(e => e.Reason.Contains("forced past the shrink guard"));
        Values("Forced").ShouldBe(Members.Emails(0, 10), ignoreOrder: true);
    }

    [Fact]
    public async Task ShrinkGuard_OfTheDestination_IsUsedInsteadOfTheServers()
    {
        var daily = await DailyOrchestration.CreateAsync(_harness.Api, "Strict", shrinkGuardShare: 0.1);
        (await daily.RunAsync(Members.Query(0, 100))).State.ShouldBe("succeeded");

        var today = await daily.RunAsync(Members.Query(20, 100));

        today.Failure.ShouldBe("shrink_guard");
        today.Reason.ShouldContain("more than the 10% allowed (the destination's shrink guard)");
    }

    [Fact]
    public async Task AddMode_NeverRemovesMembers()
    {
        var daily = await DailyOrchestration.CreateAsync(_harness.Api, "Only grows", updateMode: "add");
        (await daily.RunAsync(Members.Query(0, 50))).State.ShouldBe("succeeded");

        var today = await daily.RunAsync(Members.Query(40, 60));
        var tiny = await daily.RunAsync(Members.Query(0, 1));

        today.State.ShouldBe("succeeded", today.Reason);
        (today.Diff!.Added, today.Diff.Removed, today.Diff.Kept).ShouldBe((10, 0, 50));
        today.Diff.Mode.ShouldBe("add");
        tiny.State.ShouldBe("succeeded", tiny.Reason);
        (tiny.Diff!.Added, tiny.Diff.Removed, tiny.Diff.Kept).ShouldBe((0, 0, 60));
        Values("Only grows").ShouldBe(Members.Emails(0, 60), ignoreOrder: true);
        tiny.Report!.Total.ShouldBe(60, "the merged segment is what goes up");
    }

    [Fact]
    public async Task EmptyResult_OfAnUpdate_NeverReachesTheUpload_AndAnAllowedEmptyReplaceIsGuarded()
    {
        var daily = await DailyOrchestration.CreateAsync(_harness.Api, "Never empty");
        (await daily.RunAsync(Members.Query(0, 30))).State.ShouldBe("succeeded");

        var empty = await daily.RunAsync(Members.Query(0, 0));
        var destination = empty.Destination.Name;
        var brokenQuery = await _harness.Api.SendAndWaitAsync(destination, "SELECT email FROM no_such_table");
        var allowedEmpty = await _harness.Api.SendAndWaitAsync(destination, Members.Query(0, 0), allowEmpty: true);

        empty.State.ShouldBe("failed");
        empty.Failure.ShouldBe("audience");
        empty.Calls.ShouldBeEmpty();
        brokenQuery.Failure.ShouldBe("audience");
        brokenQuery.Calls.ShouldBeEmpty();
        allowedEmpty.Failure.ShouldBe("shrink_guard");
        allowedEmpty.Reason.ShouldContain("remove 30 of the segment's 30 members (100%)");
        Values("Never empty").Count.ShouldBe(30);
        _harness.Simulator.Segments.Single(s => s.Name == "Never empty").UploadCount.ShouldBe(1);
    }

    [Fact]
    public async Task FirstSend_WhenInsiderOneRefusesTheDownload_GoesAheadAndItsNoteNeverSaysNothingWasUploaded()
    {
        var daily = await DailyOrchestration.CreateAsync(_harness.Api, "First without download");
        _harness.Simulator.Faults.RefuseDownloads = true;

        var first = await daily.RunAsync(Members.Query(0, 10));
        _harness.Simulator.Faults.RefuseDownloads = false;

        first.State.ShouldBe("succeeded", first.Reason);
        var note = first.History.Single(e => e.Reason.Contains("nothing to guard")).Reason;
        note.ShouldContain("Insider One kept failing");
        note.ShouldNotContain("Nothing was uploaded", Case.Insensitive, "the run goes on to upload: advice for a run that stops does not belong here");
        Values("First without download").Count.ShouldBe(10);
    }

    [Fact]
    public async Task FirstReplace_OfASegmentInsiderOneHolds_WhenItsFileCannotBeDownloaded_FailsInsteadOfGoingAheadUnguarded_AndAForcedRunReplacesIt()
    {
        // Insider One holds the segment (uploaded through the API, by an earlier installation): Herald has no layout of it.
        _harness.Simulator.SeedSegment("herald-demo", "Held elsewhere", Members.Emails(0, 30), createdInPanel: false, attributeName: "email");
        var daily = await DailyOrchestration.CreateAsync(_harness.Api, "Held elsewhere");
        _harness.Simulator.Faults.FailSegmentFiles = true;

        var blind = await daily.RunAsync(Members.Query(0, 3));
        var forced = await daily.RunAsync(Members.Query(0, 3), force: true);
        _harness.Simulator.Faults.FailSegmentFiles = false;

        blind.State.ShouldBe("failed", blind.Reason);
        blind.Failure.ShouldBe("shrink_guard");
        blind.Reason.ShouldContain("Herald could not download the segment 'Held elsewhere's current values");
        blind.Reason.ShouldContain("the shrink guard cannot be checked, and nothing was uploaded");
        blind.Calls.ShouldContain(c => c.Operation == "download file" && c.Status == 503);
        blind.Calls.ShouldNotContain(c => c.Operation == "upload");
        blind.NextStep!.ShouldContain($"herald orchestration run {daily.Name};");
        blind.NextStep!.ShouldContain($"herald orchestration run {daily.Name} --force");
        forced.State.ShouldBe("succeeded", forced.Reason);
        Values("Held elsewhere").ShouldBe(Members.Emails(0, 3), ignoreOrder: true);
    }

    [Fact]
    public async Task Update_WhenInsiderOneRefusesTheDownload_FailsBeforeUploadingAndSaysToRunAgain()
    {
        var daily = await DailyOrchestration.CreateAsync(_harness.Api, "No download");
        (await daily.RunAsync(Members.Query(0, 10))).State.ShouldBe("succeeded");
        _harness.Simulator.Faults.RefuseDownloads = true;

        var today = await daily.RunAsync(Members.Query(0, 12));
        _harness.Simulator.Faults.RefuseDownloads = false;

        today.State.ShouldBe("failed");
        today.Failure.ShouldBe("transient");
        today.Reason.ShouldContain("Nothing was uploaded");
        today.Calls.ShouldContain(c => c.Operation == "download segment" && c.Status == 503);
        today.Calls.ShouldNotContain(c => c.Operation == "upload");
        Values("No download").Count.ShouldBe(10);
    }

    [Fact]
    public async Task Update_OfASegmentMadeInThePanel_FailsWithTheResolution()
    {
        _harness.Simulator.SeedSegment("herald-demo", "Panel made", ["someone@example.com"], createdInPanel: true, attributeName: "email");
        var daily = await DailyOrchestration.CreateAsync(_harness.Api, "Panel made");

        var run = await daily.RunAsync(Members.Query(0, 10));

        run.State.ShouldBe("failed");
        run.Failure.ShouldBe("destination");
        run.Reason.ShouldContain("already in use");
        run.Reason.ShouldContain("Rename the segment in the destination, or remove the existing segment in InOne");
        (run.Diff!.Added, run.Diff.Removed, run.Diff.Kept).ShouldBe((10, 1, 0), "the difference against what Insider One holds is still recorded");
        Values("Panel made").ShouldBe(["someone@example.com"]);
    }

    [Fact]
    public async Task DiffSample_IsServedOnlyWithTheApiKey()
    {
        var daily = await DailyOrchestration.CreateAsync(_harness.Api, "Sampled");
        var run = await daily.RunAsync(Members.Query(0, 5));
        using var anonymous = new HttpClient { BaseAddress = _harness.Herald.BaseUrl };

        var refused = await anonymous.GetAsync($"/api/runs/{run.Id}/diff-sample");
        var listed = await _harness.Api.Http.GetStringAsync($"/api/runs?search={Members.Email(3)}");

        refused.StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
        (await daily.DiffSampleAsync(run.Id)).Added.Count.ShouldBe(5);
        (await _harness.Api.Http.GetStringAsync($"/api/runs/{run.Id}")).ShouldNotContain(Members.Email(3), Case.Insensitive, "the run's record holds counts, not values");
        listed.ShouldBe("[]");
    }

    private IReadOnlyList<string> Values(string segmentName) =>
        _harness.Simulator.Segments.Single(s => s.Name == segmentName).Values;
}
