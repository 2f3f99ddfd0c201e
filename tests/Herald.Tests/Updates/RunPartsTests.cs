using Herald.Core.Audiences;
using Herald.Core.Runs;
using Herald.Core.Updates;

namespace Herald.Tests.Updates;

/// <summary>The run state machine with a comparing step and a split audience: each part submitted and reported on its own.</summary>
public sealed class RunPartsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 6, 0, 0, TimeSpan.Zero);
    private static readonly AudienceCounts SomeCounts = new(30, 30, 0, 0, new Dictionary<string, long>());

    [Fact]
    public void Run_WithAnUpdateMode_ComparesBetweenBuildingAndStaging()
    {
        var run = NewRun(SegmentUpdateMode.Replace);
        run.StartBuilding(T0);

        run.CompleteBuild(SomeCounts, T0);

        run.State.ShouldBe(RunState.Comparing);
        Should.Throw<InvalidRunTransitionException>(() => run.CompleteStaging([new StagedFile("f.csv", 10, T0)], T0));
        run.ReceiveReport("VIP", 1, 0, 1, T0).ShouldBe(ReportOutcome.NotExpected);
        run.CompleteComparison(Comparison(new SegmentDiff(3, 2, 25)), [Part(1, "VIP")], T0);
        run.State.ShouldBe(RunState.Staging);
        run.Reason.ShouldContain("3 added, 2 removed, 25 kept");
    }

    [Fact]
    public void ShrinkGuard_StopsTheRunBeforeUpload_KeepingTheDifference()
    {
        var run = Comparing();

        run.StopBeforeUpload(Comparison(new SegmentDiff(0, 90, 10)), FailureKind.ShrinkGuard, "Stopped by the shrink guard.", T0, new RunRemedy(RunRemedyKind.Force));

        run.State.ShouldBe(RunState.Failed);
        run.Failure.ShouldBe(FailureKind.ShrinkGuard);
        run.Comparison!.Diff.Removed.ShouldBe(90);
        run.Parts.ShouldBeEmpty();
        run.Remedy.ShouldBe(new RunRemedy(RunRemedyKind.Force));
    }

    [Fact]
    public void SplitRun_SubmitsPartByPart_AndSucceedsOnlyOnceEveryPartHasReported()
    {
        var run = Comparing();
        run.CompleteComparison(Comparison(new SegmentDiff(30, 0, 0)), [Part(1, "VIP 1/3"), Part(2, "VIP 2/3"), Part(3, "VIP 3/3")], T0);
        run.CompleteStaging([File(1), File(2), File(3)], T0);

        foreach (var number in new[] { 1, 2, 3 })
        {
            run.State.ShouldBe(RunState.Submitting);
            run.NextPartToSubmit!.Number.ShouldBe(number);
            run.BeginSubmission(number, T0);
            run.SubmissionInDoubt.ShouldBeTrue();
            run.AcceptSubmission(number, T0, T0.AddHours(1), "Accepted.");
        }
        run.State.ShouldBe(RunState.AwaitingReport);
        run.ReceiveReport("VIP 2/3", 10, 0, 10, T0).ShouldBe(ReportOutcome.Recorded);
        run.ReceiveReport("VIP 2/3", 10, 0, 10, T0).ShouldBe(ReportOutcome.Duplicate);
        run.ReceiveReport("Someone else's", 1, 0, 1, T0).ShouldBe(ReportOutcome.UnknownSegment);
        run.ReceiveReport("VIP 1/3", 9, 1, 10, T0).ShouldBe(ReportOutcome.Recorded);
        run.State.ShouldBe(RunState.AwaitingReport);
        run.Report.ShouldBeNull();
        run.ReceiveReport("VIP 3/3", 10, 0, 10, T0).ShouldBe(ReportOutcome.Recorded);

        run.State.ShouldBe(RunState.Succeeded);
        run.Report!.ShouldSatisfyAllConditions(r => r.Valid.ShouldBe(29), r => r.Invalid.ShouldBe(1), r => r.Total.ShouldBe(30));
        run.File.ShouldBeNull("a split run has one file per part");
    }

    [Fact]
    public void SplitRun_WhoseDeadlinePassed_SucceedsLateOnceTheLastPartReports()
    {
        var run = Comparing();
        run.CompleteComparison(Comparison(new SegmentDiff(20, 0, 0)), [Part(1, "VIP 1/2"), Part(2, "VIP 2/2")], T0);
        run.CompleteStaging([File(1), File(2)], T0);
        run.BeginSubmission(1, T0);
        run.AcceptSubmission(1, T0, T0.AddHours(1), "Accepted.");
        run.BeginSubmission(2, T0);
        run.AcceptSubmission(2, T0, T0.AddHours(1), "Accepted.");
        run.ReceiveReport("VIP 1/2", 10, 0, 10, T0);

        run.ExpireReport(T0.AddHours(2));
        run.Reason.ShouldContain("'VIP 2/2'");
        run.ReceiveReport("VIP 2/2", 10, 0, 10, T0.AddHours(3)).ShouldBe(ReportOutcome.RecordedLate);

        run.State.ShouldBe(RunState.Succeeded);
        run.Report!.Late.ShouldBeTrue();
    }

    [Fact]
    public void Parts_SurviveTheSnapshot_WithTheirSubmissionInDoubt()
    {
        var run = Comparing();
        run.CompleteComparison(Comparison(new SegmentDiff(20, 0, 0)), [Part(1, "VIP 1/2"), Part(2, "VIP 2/2")], T0);
        run.CompleteStaging([File(1), File(2)], T0);
        run.BeginSubmission(1, T0);

        var reloaded = new Run(run.ToSnapshot(), run.History);

        reloaded.Parts.Select(p => p.SegmentName).ShouldBe(["VIP 1/2", "VIP 2/2"]);
        reloaded.Parts[0].SubmissionInDoubt.ShouldBeTrue();
        reloaded.Comparison!.Diff.Added.ShouldBe(20);
        reloaded.NextPartToSubmit!.Number.ShouldBe(1);
    }

    private static Run NewRun(SegmentUpdateMode updateMode) => new(Guid.NewGuid(),
        new RunOrigin(Guid.NewGuid(), "dest", Guid.NewGuid(), null, null, "SELECT email FROM t", "VIP", "email", false, "test", updateMode), T0);

    private static Run Comparing()
    {
        var run = NewRun(SegmentUpdateMode.Replace);
        run.StartBuilding(T0);
        run.CompleteBuild(SomeCounts, T0);
        return run;
    }

    private static SegmentComparison Comparison(SegmentDiff diff) => new(SegmentUpdateMode.Replace, diff, ["VIP"], [], HasSample: true, Forced: false);

    private static SegmentPart Part(int number, string name) => new(number, name, ExistedBefore: false, 10, new SegmentDiff(10, 0, 0));

    private static StagedFile File(int number) => new($"run-{number}.csv", 100, T0.AddHours(12));
}
