using Herald.Core.Runs;
using Herald.Core.Updates;
using Herald.Tests.Support;

namespace Herald.Tests.Core;

/// <summary>A run of one segment through its states: each transition guarded, recorded with a reason, and harmless to repeat where a crash may repeat it.</summary>
public sealed class RunStateMachineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly StagedFile SomeFile = new("f.csv", 100, T0.AddHours(12));

    [Fact]
    public void NewRun_IsQueuedWithAReason()
    {
        var run = NewRun();

        run.State.ShouldBe(RunState.Queued);
        run.Reason.ShouldContain("Queued by test");
        run.History.Count.ShouldBe(1);
    }

    [Fact]
    public void Run_GoesThroughEveryStepToSucceeded_RecordingEachTransition()
    {
        var run = Submitted();

        run.ReceiveReport("VIP", 7, 1, 8, T0.AddMinutes(5)).ShouldBe(ReportOutcome.Recorded);

        run.State.ShouldBe(RunState.Succeeded);
        run.IsFinal.ShouldBeTrue();
        run.Report!.Total.ShouldBe(8);
        run.History.Select(e => e.State).ShouldBe([
            RunState.Queued, RunState.Building, RunState.Comparing, RunState.Staging, RunState.Submitting, RunState.Submitting,
            RunState.AwaitingReport, RunState.Succeeded]);
    }

    [Fact]
    public void Building_CanBeEnteredAgainAfterACrash_AndSaysSo()
    {
        var run = NewRun();
        run.StartBuilding(T0);

        run.StartBuilding(T0.AddMinutes(1));

        run.State.ShouldBe(RunState.Building);
        run.Reason.ShouldContain("again");
    }

    [Fact]
    public void IllegalMoves_AreRefused()
    {
        var run = NewRun();

        Should.Throw<InvalidRunTransitionException>(() => run.CompleteStaging([SomeFile], T0));
        Should.Throw<InvalidRunTransitionException>(() => run.BeginSubmission(1, T0));
        Should.Throw<InvalidRunTransitionException>(() => run.ExpireReport(T0));
        run.Cancel("stop", T0);
        Should.Throw<InvalidRunTransitionException>(() => run.Fail(FailureKind.Internal, "x", T0));
        Should.Throw<InvalidRunTransitionException>(() => run.StartBuilding(T0));
    }

    [Fact]
    public void Report_ArrivingBeforeTheAcceptanceIsRecorded_SucceedsTheRunOnAcceptance()
    {
        var run = NewRun().Staged(SomeFile, T0, values: 8);
        run.BeginSubmission(1, T0);

        run.ReceiveReport("VIP", 8, 0, 8, T0).ShouldBe(ReportOutcome.Recorded);
        run.State.ShouldBe(RunState.Submitting);
        run.AcceptSubmission(1, T0, T0.AddHours(1), "Accepted.");

        run.State.ShouldBe(RunState.Succeeded);
    }

    [Fact]
    public void SecondReport_ThatDiffers_IsNotedInTheHistoryAndTheFirstStands()
    {
        var run = Submitted();
        run.ReceiveReport("VIP", 8, 0, 8, T0);

        run.ReceiveReport("VIP", 1, 1, 2, T0).ShouldBe(ReportOutcome.Conflicting);

        run.Report!.Valid.ShouldBe(8);
        run.State.ShouldBe(RunState.Succeeded);
        run.History[^1].Reason.ShouldContain("second, different report");
    }

    [Fact]
    public void SecondReport_SameAsTheFirst_ChangesNothing()
    {
        var run = Submitted();
        run.ReceiveReport("VIP", 8, 0, 8, T0);
        var events = run.History.Count;

        run.ReceiveReport("VIP", 8, 0, 8, T0).ShouldBe(ReportOutcome.AlreadyFinal);

        run.History.Count.ShouldBe(events);
    }

    [Fact]
    public void Report_BeforeSubmission_IsNotExpected()
    {
        var run = NewRun();

        run.ReceiveReport("VIP", 1, 0, 1, T0).ShouldBe(ReportOutcome.NotExpected);
        run.State.ShouldBe(RunState.Queued);
    }

    [Fact]
    public void Deadline_CannotExpireEarly_AndALateReportTurnsTheFailureIntoALateSuccess()
    {
        var run = Submitted();

        Should.Throw<InvalidRunTransitionException>(() => run.ExpireReport(T0.AddMinutes(59)));
        run.ExpireReport(T0.AddMinutes(61));
        run.State.ShouldBe(RunState.Failed);
        run.Failure.ShouldBe(FailureKind.ReportTimeout);

        run.ReceiveReport("VIP", 8, 0, 8, T0.AddMinutes(70)).ShouldBe(ReportOutcome.RecordedLate);
        run.State.ShouldBe(RunState.Succeeded);
        run.Report!.Late.ShouldBeTrue();
    }

    [Fact]
    public void SubmissionInDoubt_IsKnownFromTheRecordMadeBeforeSending()
    {
        var run = NewRun().Staged(SomeFile, T0, values: 8);

        run.SubmissionInDoubt.ShouldBeFalse();
        run.BeginSubmission(1, T0);
        run.SubmissionInDoubt.ShouldBeTrue();
        run.AcceptSubmission(1, T0, T0.AddHours(1), "Accepted.");
        run.SubmissionInDoubt.ShouldBeFalse();
    }

    private static Run NewRun() => new(Guid.NewGuid(),
        new RunOrigin(Guid.NewGuid(), "dest", Guid.NewGuid(), null, null, "SELECT email FROM t", "VIP", "email", false, "test", SegmentUpdateMode.Replace), T0);

    private static Run Submitted() => NewRun().Accepted(SomeFile, T0, T0.AddHours(1), values: 8);
}
