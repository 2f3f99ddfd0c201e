using Herald.Core.Ports;
using Herald.Core.Schedules;

namespace Herald.Tests.Storage.Contracts;

/// <summary>What an <see cref="IScheduleStore"/> promises, whatever keeps it: a slot is claimed once, and a cron claim only moves on from the slot read.</summary>
public abstract class ScheduleStoreContract : StoreContract<IScheduleStore>
{
    private static readonly ScheduledWork Work = ScheduledWork.OfOrchestration("nightly");

    [Fact]
    public async Task Schedule_SavedAgain_IsReplacedWithItsTriggerAndState()
    {
        await Store.SaveAsync(CronSchedule(), default);
        var paused = new Schedule(Work, ScheduleTrigger.RunAfter(ScheduledWork.OfOrchestration("first")), ScheduleState.Paused, "Paused by api.", Now.AddHours(1), Now, Now.AddHours(1));

        await Store.SaveAsync(paused, default);

        (await Store.FindAsync(Work, default)).ShouldBe(paused);
        (await Store.ListAsync(default)).ShouldHaveSingleItem().ShouldBe(paused);
        (await Store.FindAsync(ScheduledWork.OfOrchestration("other"), default)).ShouldBeNull();
    }

    [Fact]
    public async Task Slot_ClaimedTwice_IsClaimedOnce()
    {
        await Store.SaveAsync(CronSchedule(), default);
        var slot = Slot("after:1", Now);

        var first = await Store.TryClaimAsync(slot, isCron: false, null, default);
        var second = await Store.TryClaimAsync(slot with { RunId = Guid.NewGuid() }, isCron: false, null, default);

        first.ShouldBeTrue();
        second.ShouldBeFalse();
        (await Store.ListSlotsAsync(Work, 10, default)).ShouldHaveSingleItem().RunId.ShouldBe(slot.RunId);
    }

    [Fact]
    public async Task CronSlot_ClaimedFromAStaleLastSlot_IsRefused_AndTheLastSlotMovesOnlyOnce()
    {
        await Store.SaveAsync(CronSchedule(), default);
        var one = Now.AddHours(1);
        var two = Now.AddHours(2);

        (await Store.TryClaimAsync(Slot(ScheduleSlot.CronKey(one), one), isCron: true, null, default)).ShouldBeTrue();
        // A second instance that read the schedule before that claim counts from the old last slot.
        (await Store.TryClaimAsync(Slot(ScheduleSlot.CronKey(two), two), isCron: true, null, default)).ShouldBeFalse();
        (await Store.TryClaimAsync(Slot(ScheduleSlot.CronKey(two), two), isCron: true, one, default)).ShouldBeTrue();

        (await Store.FindAsync(Work, default))!.LastSlotAt.ShouldBe(two);
    }

    [Fact]
    public async Task Claim_NotCompleted_IsListedAsUnfinished_UntilCompleted()
    {
        await Store.SaveAsync(CronSchedule(), default);
        var slot = Slot("after:2", Now);
        await Store.TryClaimAsync(slot, isCron: false, null, default);

        var unfinished = await Store.ListUnfinishedClaimsAsync(Now.AddMinutes(1), default);
        await Store.CompleteAsync(Work, slot.Key, ScheduleSlotOutcome.Skipped, "Skipped: the previous run was still in flight.", default);

        unfinished.ShouldHaveSingleItem().RunId.ShouldBe(slot.RunId);
        (await Store.ListUnfinishedClaimsAsync(Now.AddMinutes(1), default)).ShouldBeEmpty();
        var recorded = (await Store.FindSlotOfRunAsync(slot.RunId, default)).ShouldNotBeNull();
        recorded.Outcome.ShouldBe(ScheduleSlotOutcome.Skipped);
        recorded.Detail.ShouldContain("in flight");
    }

    [Fact]
    public async Task Schedule_Deleted_TakesItsSlotsWithIt()
    {
        await Store.SaveAsync(CronSchedule(), default);
        var slot = Slot("after:3", Now);
        await Store.TryClaimAsync(slot, isCron: false, null, default);

        await Store.DeleteAsync(Work, default);

        (await Store.FindAsync(Work, default)).ShouldBeNull();
        (await Store.FindSlotOfRunAsync(slot.RunId, default)).ShouldBeNull();
    }

    private static Schedule CronSchedule() =>
        new(Work, ScheduleTrigger.OnCron("0 6 * * *", "Europe/Istanbul"), ScheduleState.Active, null, Now, null, Now);

    private static ScheduleSlot Slot(string key, DateTimeOffset at) =>
        new(Work, key, at, Now, Guid.NewGuid(), ScheduleSlotOutcome.Claimed, "Scheduled.");
}
