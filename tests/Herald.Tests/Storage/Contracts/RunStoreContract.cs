using Herald.Core.Audiences;
using Herald.Core.Ports;
using Herald.Core.Runs;
using Herald.Core.Updates;

namespace Herald.Tests.Storage.Contracts;

/// <summary>What an <see cref="IRunStore"/> promises, whatever keeps it: durable runs, optimistic saves, leases, one run per destination.</summary>
public abstract class RunStoreContract : StoreContract<IRunStore>
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Run_Created_IsReadBackWithItsOriginStateAndHistory()
    {
        var run = NewRun(Guid.NewGuid());
        run.StartBuilding(Now);
        await Store.CreateAsync(run, default);

        var stored = await Store.GetAsync(run.Id, default);

        stored.ShouldNotBeNull();
        stored.Origin.ShouldBe(run.Origin);
        stored.State.ShouldBe(RunState.Building);
        stored.History.Select(e => e.State).ShouldBe([RunState.Queued, RunState.Building]);
        (await Store.GetAsync(Guid.NewGuid(), default)).ShouldBeNull();
    }

    [Fact]
    public async Task Save_OverAStaleVersion_SavesNothing_SoTheCallerDecidesAgain()
    {
        var run = NewRun(Guid.NewGuid());
        await Store.CreateAsync(run, default);
        var first = (await Store.GetAsync(run.Id, default))!;
        var second = (await Store.GetAsync(run.Id, default))!;

        first.Cancel("Cancelled by a test.", Now);
        (await Store.TrySaveAsync(first, default)).ShouldBeTrue();
        second.StartBuilding(Now);
        (await Store.TrySaveAsync(second, default)).ShouldBeFalse();

        var stored = (await Store.GetAsync(run.Id, default))!;
        stored.State.ShouldBe(RunState.Cancelled);
        stored.History.ShouldNotContain(e => e.State == RunState.Building);
    }

    [Fact]
    public async Task Claim_TakesTheOldestRun_AndNotASecondRunOfTheSameDestinationWhileTheFirstIsInFlight()
    {
        var destination = Guid.NewGuid();
        var first = NewRun(destination);
        var second = NewRun(destination);
        var other = NewRun(Guid.NewGuid());
        foreach (var run in new[] { first, second, other })
        {
            await Store.CreateAsync(run, default);
        }

        (await Store.TryClaimNextAsync("worker-a", Now, Lease, default))!.Id.ShouldBe(first.Id);
        (await Store.TryClaimNextAsync("worker-b", Now, Lease, default))!.Id.ShouldBe(other.Id);
        (await Store.TryClaimNextAsync("worker-c", Now, Lease, default)).ShouldBeNull();
    }

    [Fact]
    public async Task Lease_HeldByAWorker_IsTakenOverOnlyOnceItRunsOut_AndTheOldWorkerCannotRenewIt()
    {
        var run = NewRun(Guid.NewGuid());
        await Store.CreateAsync(run, default);
        await Store.TryClaimNextAsync("worker-a", Now, Lease, default);

        (await Store.TryClaimNextAsync("worker-b", Now + Lease / 2, Lease, default)).ShouldBeNull();
        (await Store.RenewLeaseAsync(run.Id, "worker-a", Now + Lease / 2, Lease, default)).ShouldBeTrue();
        (await Store.TryClaimNextAsync("worker-b", Now + Lease * 2, Lease, default))!.Id.ShouldBe(run.Id);
        (await Store.RenewLeaseAsync(run.Id, "worker-a", Now + Lease * 2, Lease, default)).ShouldBeFalse();
    }

    [Fact]
    public async Task Lease_Released_LetsAnotherWorkerTakeTheRunAtOnce()
    {
        var run = NewRun(Guid.NewGuid());
        await Store.CreateAsync(run, default);
        await Store.TryClaimNextAsync("worker-a", Now, Lease, default);

        await Store.ReleaseLeaseAsync(run.Id, "worker-a", default);

        (await Store.TryClaimNextAsync("worker-b", Now, Lease, default))!.Id.ShouldBe(run.Id);
    }

    [Fact]
    public async Task RunsAwaitingReport_PastTheirDeadline_AreListed_AndNoOthers()
    {
        var late = await StoreAwaitingReportAsync(Now.AddMinutes(-1));
        await StoreAwaitingReportAsync(Now.AddMinutes(1));

        (await Store.ListAwaitingReportPastDeadlineAsync(Now, default)).ShouldBe([late.Id]);
    }

    [Fact]
    public async Task Calls_AppendedToARun_AreListedInOrder_ForThatRunOnly()
    {
        var run = NewRun(Guid.NewGuid());
        var other = NewRun(Guid.NewGuid());
        await Store.CreateAsync(run, default);
        await Store.CreateAsync(other, default);
        var upload = new RunCall(Now, "upload", 1, "{\"segment_name\":\"VIP\"}", 429, "slow down", 12, "retried");
        var retry = upload with { Attempt = 2, Status = 200, Response = "{}", Outcome = "accepted" };

        await Store.AppendCallAsync(run.Id, upload, default);
        await Store.AppendCallAsync(run.Id, retry, default);

        (await Store.ListCallsAsync(run.Id, default)).ShouldBe([upload, retry]);
        (await Store.ListCallsAsync(other.Id, default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task List_FiltersByStateDestinationStarterAndText_NewestFirst_UpToTheLimit()
    {
        var destination = Guid.NewGuid();
        var older = NewRun(destination, startedBy: "web");
        var newer = NewRun(destination, startedBy: "api");
        var elsewhere = NewRun(Guid.NewGuid(), startedBy: "api");
        elsewhere.Cancel("Cancelled by a test.", Now);
        foreach (var run in new[] { older, newer, elsewhere })
        {
            await Store.CreateAsync(run, default);
        }

        (await Store.ListAsync(new RunQuery(DestinationId: destination), default)).Select(r => r.Id).ShouldBe([newer.Id, older.Id]);
        (await Store.ListAsync(new RunQuery(StartedBy: "api"), default)).Select(r => r.Id).ShouldBe([elsewhere.Id, newer.Id]);
        (await Store.ListAsync(new RunQuery(State: RunState.Cancelled), default)).Select(r => r.Id).ShouldBe([elsewhere.Id]);
        (await Store.ListAsync(new RunQuery(Search: older.Id.ToString()[..8]), default)).Select(r => r.Id).ShouldBe([older.Id]);
        (await Store.ListAsync(new RunQuery(Limit: 1), default)).Select(r => r.Id).ShouldBe([elsewhere.Id]);
    }

    [Fact]
    public async Task List_BySandbox_ReturnsOnlyTheRunsMadeInThatSandbox()
    {
        var destination = Guid.NewGuid();
        var production = NewRun(destination);
        var inTrial = new Run(Guid.NewGuid(), NewRun(destination).Origin with { Sandbox = "trial" }, Now);
        var inOther = new Run(Guid.NewGuid(), NewRun(destination).Origin with { Sandbox = "trial-2" }, Now);
        foreach (var run in new[] { production, inTrial, inOther })
        {
            await Store.CreateAsync(run, default);
        }

        (await Store.ListAsync(new RunQuery(Sandbox: "trial"), default)).Select(r => r.Id).ShouldBe([inTrial.Id]);
        (await Store.ListAsync(new RunQuery(Sandbox: "missing"), default)).ShouldBeEmpty();
        (await Store.ListAsync(new RunQuery(DestinationId: destination), default)).Count.ShouldBe(3);
    }

    private async Task<Run> StoreAwaitingReportAsync(DateTimeOffset deadline)
    {
        var run = NewRun(Guid.NewGuid());
        run.StartBuilding(Now);
        run.CompleteBuild(new AudienceCounts(1, 1, 0, 0, new Dictionary<string, long>()), Now);
        run.CompleteComparison(null, [new SegmentPart(1, run.Origin.SegmentName, null, 1, null)], Now);
        run.CompleteStaging([new StagedFile(StagedFileNames.Of(run.Id, 1, 1), 14, Now.AddHours(12))], Now);
        run.BeginSubmission(1, Now);
        run.AcceptSubmission(1, Now, deadline, "Accepted.");
        await Store.CreateAsync(run, default);
        return run;
    }

    [Fact]
    public async Task List_ByCreationTime_TakesTheStartInclusiveAndTheEndExclusive_AndPagesBackByOffset()
    {
        var destination = Guid.NewGuid();
        var days = Enumerable.Range(0, 4).Select(d => NewRun(destination, createdAt: Now.AddDays(-d))).ToList();
        foreach (var run in days.AsEnumerable().Reverse())
        {
            await Store.CreateAsync(run, default);
        }

        var yesterday = await Store.ListAsync(new RunQuery(DestinationId: destination, CreatedFrom: Now.AddDays(-1), CreatedBefore: Now), default);
        var firstPage = await Store.ListAsync(new RunQuery(DestinationId: destination, Limit: 2), default);
        var secondPage = await Store.ListAsync(new RunQuery(DestinationId: destination, Limit: 2, Offset: 2), default);

        yesterday.Select(r => r.Id).ShouldBe([days[1].Id]);
        firstPage.Select(r => r.Id).ShouldBe([days[0].Id, days[1].Id]);
        secondPage.Select(r => r.Id).ShouldBe([days[2].Id, days[3].Id]);
    }

    private static Run NewRun(Guid destinationId, string startedBy = "test", DateTimeOffset? createdAt = null) =>
        new(Guid.NewGuid(), new RunOrigin(destinationId, "vip-emails", Guid.NewGuid(), null, null,
            "SELECT email FROM Customer_360", "VIP customers", "email", false, startedBy, SegmentUpdateMode.Replace), createdAt ?? Now);
}
