using Herald.Core.Schedules;
using Herald.Server.Api;
using Herald.Storage.Sqlite;
using Herald.Tests.Support;

namespace Herald.Tests.Schedules;

/// <summary>
/// Slots are claimed in the store before their run is created: a restart never runs a slot twice, a second instance
/// never claims one again, and slots missed while Herald was down run once, named in the run's reason.
/// </summary>
public sealed class ScheduleDurabilityTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 10, 0, TimeSpan.Zero);

    [Fact]
    public async Task Downtime_OfThreeHoursWithHourlySlots_RunsOnceNamingTheThreeSlots()
    {
        await using var herald = await ScheduledHerald.StartAsync(Start);
        var name = await herald.AddOrchestrationAsync();
        await herald.ScheduleAsync(name, new ScheduleInput(Cron: "0 * * * *", TimeZone: "UTC"));

        // Herald is down from 00:10 to 03:20; slots 01:00, 02:00 and 03:00 passed meanwhile.
        await herald.Harness.RestartAsync(clock: herald.Clock, whileStopped: _ =>
        {
            herald.Clock.SetUtcNow(Start.AddHours(3).AddMinutes(10));
            return Task.CompletedTask;
        });
        await herald.TickAsync();

        var run = (await herald.FinishedRunsOfAsync(name)).ShouldHaveSingleItem();
        run.State.ShouldBe("succeeded", run.Reason);
        var reason = ScheduledHerald.QueuedReason(run);
        reason.ShouldContain("2026-06-01 03:00 UTC");
        reason.ShouldContain("2026-06-01 01:00 UTC");
        reason.ShouldContain("2026-06-01 02:00 UTC");
        reason.ShouldContain("2 slot(s) missed");
        await herald.ScheduleWhenAsync(name, s => s.RecentSlots is [{ Outcome: "started" }], "the one slot is recorded as started");

        // A pass later in the same hour finds nothing more to run.
        await herald.AdvanceToAsync(Start.AddHours(3).AddMinutes(40));
        (await herald.FinishedRunsOfAsync(name)).Select(ScheduledHerald.QueuedReason).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Restart_AfterASlotWasClaimedButBeforeItsRunWasCreated_CreatesThatOneRunOnly()
    {
        await using var herald = await ScheduledHerald.StartAsync(Start);
        var name = await herald.AddOrchestrationAsync();
        await herald.ScheduleAsync(name, new ScheduleInput(Cron: "0 * * * *", TimeZone: "UTC"));
        var slotAt = Start.AddMinutes(50);
        var claimedRunId = Guid.Empty;

        // Herald claimed the 01:00 slot and stopped before creating its run.
        await herald.Harness.RestartAsync(clock: herald.Clock, whileStopped: async data =>
        {
            herald.Clock.SetUtcNow(slotAt);
            var store = new SqliteScheduleStore(new SqliteDatabase(Path.Combine(data, "herald.db")));
            var slot = new ScheduleSlot(ScheduledWork.OfOrchestration(name), ScheduleSlot.CronKey(slotAt), slotAt, slotAt, Guid.NewGuid(), ScheduleSlotOutcome.Claimed,
                "Scheduled for 2026-06-01 01:00 UTC (01:00 UTC).");
            (await store.TryClaimAsync(slot, isCron: true, previousCronSlot: null, CancellationToken.None)).ShouldBeTrue();
            claimedRunId = slot.RunId;
        });
        herald.Clock.Advance(TimeSpan.FromMinutes(2));
        await herald.TickAsync();
        await herald.TickAsync();

        var run = (await herald.FinishedRunsOfAsync(name)).ShouldHaveSingleItem();
        run.Id.ShouldBe(claimedRunId);
        run.State.ShouldBe("succeeded", run.Reason);
        await herald.ScheduleWhenAsync(name, s => s.RecentSlots is [{ Outcome: "started" }], "the claimed slot is recorded as started");
    }

    [Fact]
    public async Task Restart_InTheMiddleOfASlotWhoseRunExists_DoesNotRunItAgain()
    {
        await using var herald = await ScheduledHerald.StartAsync(Start);
        var name = await herald.AddOrchestrationAsync();
        await herald.ScheduleAsync(name, new ScheduleInput(Cron: "0 * * * *", TimeZone: "UTC"));
        await herald.AdvanceToAsync(Start.AddMinutes(50));
        var first = (await herald.FinishedRunsOfAsync(name)).ShouldHaveSingleItem();

        await herald.Harness.RestartAsync(clock: herald.Clock);
        herald.Clock.Advance(TimeSpan.FromMinutes(5));
        await herald.TickAsync();

        (await herald.FinishedRunsOfAsync(name)).ShouldHaveSingleItem().Id.ShouldBe(first.Id);
    }

    [Fact]
    public async Task TwoInstances_OnOneDatabase_ClaimASlotOnce()
    {
        using var directory = new TestDirectory("schedule-claims");
        var path = Path.Combine(directory.Path, "herald.db");
        await new SqliteDatabase(path).MigrateAsync(CancellationToken.None);
        var work = ScheduledWork.OfOrchestration("nightly");
        await new SqliteScheduleStore(new SqliteDatabase(path)).SaveAsync(
            new Schedule(work, ScheduleTrigger.OnCron("0 * * * *", "UTC"), ScheduleState.Active, null, Start, null, Start), CancellationToken.None);
        var slotAt = Start.AddMinutes(50);

        // Each instance has its own connection pool and write queue: only SQLite stands between them.
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            new SqliteScheduleStore(new SqliteDatabase(path)).TryClaimAsync(
                new ScheduleSlot(work, ScheduleSlot.CronKey(slotAt), slotAt, slotAt, Guid.NewGuid(), ScheduleSlotOutcome.Claimed, $"instance {i}"),
                isCron: true, previousCronSlot: null, CancellationToken.None))));

        claims.Count(claimed => claimed).ShouldBe(1);
        (await new SqliteScheduleStore(new SqliteDatabase(path)).ListSlotsAsync(work, 10, CancellationToken.None)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Slot_WhenTheDestinationsPreviousRunIsStillInFlight_IsSkippedAndRecordedNotQueued()
    {
        await using var herald = await ScheduledHerald.StartAsync(Start);
        var name = await herald.AddOrchestrationAsync();
        await herald.ScheduleAsync(name, new ScheduleInput(Cron: "0 * * * *", TimeZone: "UTC"));
        // Insider One never reports: the 01:00 run waits for its report past 02:00.
        herald.Harness.Simulator.Faults.DropCallbacks = true;
        await herald.AdvanceToAsync(Start.AddMinutes(50));
        var summaries = await herald.Api.Http.GetStringAsync($"/api/runs?orchestration={name}");
        var waiting = System.Text.Json.JsonSerializer.Deserialize<List<RunSummary>>(summaries, HeraldApi.Json)!.ShouldHaveSingleItem();
        await herald.Api.WaitForAsync(waiting.Id, "awaiting_report");

        await herald.AdvanceToAsync(Start.AddMinutes(110));

        var schedule = await herald.ScheduleWhenAsync(name, s => s.RecentSlots is [{ Outcome: "skipped" }, _], "the second slot is recorded as skipped");
        var skipped = schedule.RecentSlots[0];
        skipped.Outcome.ShouldBe("skipped");
        skipped.Detail.ShouldContain(waiting.Id.ToString());
        skipped.Detail.ShouldContain("awaiting_report");
        (await herald.Api.GetRunAsync(waiting.Id)).State.ShouldBe("awaiting_report");
        var runs = await herald.Api.Http.GetStringAsync($"/api/runs?orchestration={name}");
        System.Text.Json.JsonSerializer.Deserialize<List<RunSummary>>(runs, HeraldApi.Json)!.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Scheduler_WhenHeraldsClockReachesTheSlot_WakesAndStartsItsRunByItself()
    {
        await using var herald = await ScheduledHerald.StartAsync(Start);
        var name = await herald.AddOrchestrationAsync();
        await herald.ScheduleAsync(name, new ScheduleInput(Cron: "0 * * * *", TimeZone: "UTC"));

        // No pass is asked for: the hosted scheduler sleeps on Herald's clock until the slot (or its longest sleep).
        herald.Clock.Advance(TimeSpan.FromMinutes(50));

        // A sleep that began just as the clock jumped ends at the next tick of Herald's clock.
        await Shared.Eventually.TrueAsync(async () =>
        {
            var started = (await herald.GetScheduleAsync(name)).RecentSlots is [{ Outcome: "started" }];
            herald.Clock.Advance(TimeSpan.FromSeconds(started ? 0 : 1));
            return started;
        }, "the scheduler started the 01:00 slot");
        var schedule = await herald.GetScheduleAsync(name);
        schedule.RecentSlots.ShouldHaveSingleItem().At.ShouldBe(Start.AddMinutes(50));
        var run = (await herald.FinishedRunsOfAsync(name)).ShouldHaveSingleItem();
        run.State.ShouldBe("succeeded", run.Reason);
        run.Id.ShouldBe(schedule.RecentSlots[0].RunId);
    }
}
