using System.Net;
using System.Net.Http.Json;
using Herald.Core.Bridges;
using Herald.Server.Api;
using Herald.Storage.Sqlite;
using Herald.Tests.Support;

namespace Herald.Tests.Schedules;

/// <summary>
/// A bridge's sync on a schedule, through the orchestrations' scheduler: a cron slot or an orchestration's success
/// starts the sync (folder target), a paused schedule starts none, and hostile schedules are refused saying what to change.
/// </summary>
public sealed class BridgeScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 5, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task BridgeSchedule_OnCron_SyncsAtTheSlot_OnceHoweverManyPasses()
    {
        await using var herald = await ScheduledHerald.StartAsync(Start);
        var bridge = await herald.AddFolderBridgeAsync();
        var view = await herald.ScheduleBridgeAsync(bridge, new ScheduleInput(Cron: "0 6 * * *", TimeZone: "Europe/Istanbul"));
        view.Kind.ShouldBe("bridge");
        view.Name.ShouldBe(bridge);
        view.NextRuns[0].Utc.ShouldBe(new DateTimeOffset(2026, 6, 2, 3, 0, 0, TimeSpan.Zero));

        // Not due yet: nothing starts.
        await herald.AdvanceToAsync(new DateTimeOffset(2026, 6, 2, 2, 59, 0, TimeSpan.Zero));
        (await herald.FinishedSyncsOfAsync(bridge)).ShouldBeEmpty();
        // 06:00 in Istanbul is 03:00 UTC.
        await herald.AdvanceToAsync(new DateTimeOffset(2026, 6, 2, 3, 0, 0, TimeSpan.Zero));
        await herald.TickAsync();

        var sync = (await herald.FinishedSyncsOfAsync(bridge)).ShouldHaveSingleItem();
        sync.State.ShouldBe("succeeded", sync.Reason);
        sync.StartedBy.ShouldBe("schedule");
        var slot = (await herald.GetBridgeScheduleAsync(bridge)).RecentSlots.ShouldHaveSingleItem();
        (slot.Outcome, slot.RunId).ShouldBe(("started", sync.Id));
        File.Exists(Path.Combine(herald.Harness.DataDirectory, "bridges", bridge, "insider.duckdb")).ShouldBeTrue();
    }

    [Fact]
    public async Task BridgeSchedule_WhenThePreviousSyncIsStillUnderWay_SkipsTheSlotSayingSo_AndQueuesNothing()
    {
        await using var herald = await ScheduledHerald.StartAsync(Start);
        var bridge = await herald.AddFolderBridgeAsync();
        await herald.ScheduleBridgeAsync(bridge, new ScheduleInput(Cron: "0 6 * * *", TimeZone: "UTC"));
        var held = Guid.NewGuid();
        // Another instance holds a sync of the bridge under a lease that outlasts the test.
        await herald.Harness.RestartAsync(clock: herald.Clock, whileStopped: async data =>
        {
            var store = new SqliteBridgeStore(new SqliteDatabase(Path.Combine(data, "herald.db")));
            var found = (await store.FindBridgeAsync(bridge, CancellationToken.None)).ShouldNotBeNull();
            await store.CreateSyncAsync(new BridgeSync(held, found, "ada", false, Start), CancellationToken.None);
            (await store.TryClaimNextSyncAsync("another-instance", Start, TimeSpan.FromDays(7), CancellationToken.None)).ShouldNotBeNull();
        });

        await herald.AdvanceToAsync(Start.AddDays(1).AddHours(1));

        var slot = (await herald.GetBridgeScheduleAsync(bridge)).RecentSlots.ShouldHaveSingleItem();
        slot.Outcome.ShouldBe("skipped");
        slot.Detail.ShouldContain($"previous sync {held}");
        slot.Detail.ShouldContain("not queued");
        var details = await HeraldApi.ReadAsync<BridgeDetailsView>(await herald.Api.Http.GetAsync($"/api/bridges/{bridge}"), HttpStatusCode.OK);
        details.Syncs.ShouldHaveSingleItem().Id.ShouldBe(held);
    }

    [Fact]
    public async Task BridgeSchedule_AfterAnOrchestration_SyncsWhenItSucceeds_AndNotWhenItFails()
    {
        await using var herald = await ScheduledHerald.StartAsync(Start);
        var orchestration = await herald.AddOrchestrationAsync();
        var bridge = await herald.AddFolderBridgeAsync();
        var view = await herald.ScheduleBridgeAsync(bridge, new ScheduleInput(After: orchestration));
        view.After.ShouldBe(new ScheduledWorkView("orchestration", orchestration));
        herald.Clock.Advance(TimeSpan.FromMinutes(1));

        // Insider One refuses every upload (400 is not retried): the run fails.
        herald.Harness.Simulator.Faults.FailStatus = 400;
        herald.Harness.Simulator.Faults.FailNextUploads = 1000;
        var failed = await StartRunAsync(herald, orchestration);
        failed.State.ShouldBe("failed");
        herald.Harness.Simulator.Faults.FailNextUploads = 0;
        var succeeded = await StartRunAsync(herald, orchestration);
        succeeded.State.ShouldBe("succeeded", succeeded.Reason);

        await Shared.Eventually.TrueAsync(async () => (await herald.FinishedSyncsOfAsync(bridge)).Count == 1, "the bridge has synced");
        var sync = (await herald.FinishedSyncsOfAsync(bridge)).ShouldHaveSingleItem();
        sync.State.ShouldBe("succeeded", sync.Reason);
        sync.StartedBy.ShouldBe("schedule");
        // The one slot is the success's; the failure claimed none. A catch-up pass starts no second sync for it.
        var slot = (await herald.GetBridgeScheduleAsync(bridge)).RecentSlots.ShouldHaveSingleItem();
        slot.Key.ShouldBe($"after:{succeeded.Id}");
        slot.Detail.ShouldContain(succeeded.Id.ToString());
        await herald.TickAsync();
        (await herald.FinishedSyncsOfAsync(bridge)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task BridgeSchedule_WhenPaused_StartsNoSync_AndOnResumeSkipsTheSlotsThatPassed()
    {
        await using var herald = await ScheduledHerald.StartAsync(Start);
        var bridge = await herald.AddFolderBridgeAsync();
        await herald.ScheduleBridgeAsync(bridge, new ScheduleInput(Cron: "0 * * * *", TimeZone: "UTC"));

        var paused = await HeraldApi.ReadAsync<ScheduleView>(await herald.Api.Http.PostAsync($"/api/bridges/{bridge}/schedule/pause", null), HttpStatusCode.OK);
        await herald.AdvanceToAsync(Start.AddHours(3).AddMinutes(30));
        var syncsWhilePaused = await herald.FinishedSyncsOfAsync(bridge);
        var resumed = await HeraldApi.ReadAsync<ScheduleView>(await herald.Api.Http.PostAsync($"/api/bridges/{bridge}/schedule/resume", null), HttpStatusCode.OK);
        await herald.TickAsync();
        var syncsAfterResume = await herald.FinishedSyncsOfAsync(bridge);
        await herald.AdvanceToAsync(Start.AddHours(4));

        paused.State.ShouldBe("paused");
        paused.PausedReason.ShouldNotBeNull().ShouldContain("admin");
        syncsWhilePaused.ShouldBeEmpty();
        resumed.State.ShouldBe("active");
        syncsAfterResume.ShouldBeEmpty();
        (await herald.FinishedSyncsOfAsync(bridge)).ShouldHaveSingleItem().State.ShouldBe("succeeded");
        var audit = await herald.Api.Http.GetStringAsync("/api/audit?limit=20");
        audit.ShouldContain("pause schedule");
        audit.ShouldContain("resume schedule");
    }

    [Fact]
    public async Task BridgeSchedule_WithHostileInput_IsRefusedSayingWhatToChange_AndStaysByHand()
    {
        await using var herald = await ScheduledHerald.StartAsync(Start);
        var orchestration = await herald.AddOrchestrationAsync();
        var bridge = await herald.AddFolderBridgeAsync();

        var badCron = await herald.TryScheduleBridgeAsync(bridge, new ScheduleInput(Cron: "61 * * * *", TimeZone: "UTC"));
        var badZone = await herald.TryScheduleBridgeAsync(bridge, new ScheduleInput(Cron: "0 6 * * *", TimeZone: "Mars/Olympus_Mons"));
        var unknownOrchestration = await herald.TryScheduleBridgeAsync(bridge, new ScheduleInput(After: "no-such-orchestration<script>"));
        var both = await herald.TryScheduleBridgeAsync(bridge, new ScheduleInput(Cron: "0 6 * * *", TimeZone: "UTC", After: orchestration));
        var unknownBridge = await herald.TryScheduleBridgeAsync("no-such-bridge", new ScheduleInput(Manual: true));
        // Nothing follows a sync: an orchestration cannot run after a bridge (so no chain through a bridge can close a cycle).
        var afterBridge = await herald.TryScheduleAsync(orchestration, new ScheduleInput(After: bridge));
        var pauseByHand = await herald.Api.Http.PostAsync($"/api/bridges/{bridge}/schedule/pause", null);

        (await HeraldApi.ReadAsync<ApiProblem>(badCron, HttpStatusCode.BadRequest)).Errors!.ShouldContain(e => e.Contains("'61 * * * *' is not valid"));
        (await HeraldApi.ReadAsync<ApiProblem>(badZone, HttpStatusCode.BadRequest)).Errors!.ShouldContain(e => e.Contains("Unknown time zone 'Mars/Olympus_Mons'"));
        (await HeraldApi.ReadAsync<ApiProblem>(unknownOrchestration, HttpStatusCode.BadRequest)).Errors!.ShouldHaveSingleItem().ShouldContain("name an existing one");
        (await HeraldApi.ReadAsync<ApiProblem>(both, HttpStatusCode.BadRequest)).Message.ShouldContain("Choose one");
        unknownBridge.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await HeraldApi.ReadAsync<ApiProblem>(afterBridge, HttpStatusCode.BadRequest)).Errors!.ShouldHaveSingleItem().ShouldContain("is a bridge");
        (await HeraldApi.ReadAsync<ApiProblem>(pauseByHand, HttpStatusCode.Conflict)).Message.ShouldContain("give it a schedule first");
        (await herald.GetBridgeScheduleAsync(bridge)).Trigger.ShouldBe("manual");
        (await herald.GetScheduleAsync(orchestration)).Trigger.ShouldBe("manual");
    }

    [Fact]
    public async Task RemovingABridge_RemovesItsSchedule_SoABridgeAddedUnderThatNameRunsByHand()
    {
        await using var herald = await ScheduledHerald.StartAsync(Start);
        var bridge = await herald.AddFolderBridgeAsync();
        await herald.ScheduleBridgeAsync(bridge, new ScheduleInput(Cron: "0 6 * * *", TimeZone: "UTC"));

        (await herald.Api.Http.DeleteAsync($"/api/bridges/{bridge}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var again = await herald.Api.Http.PostAsJsonAsync("/api/bridges", new BridgeInput(bridge, "folder", Folder: bridge, Tables: [new BridgeTableInput("insider_users")]));
        again.StatusCode.ShouldBe(HttpStatusCode.Created);

        (await herald.GetBridgeScheduleAsync(bridge)).Trigger.ShouldBe("manual");
        await herald.AdvanceToAsync(Start.AddDays(1).AddHours(2));
        (await herald.FinishedSyncsOfAsync(bridge)).ShouldBeEmpty();
    }

    private static async Task<RunView> StartRunAsync(ScheduledHerald herald, string orchestration)
    {
        var started = await HeraldApi.ReadAsync<RunView>(await herald.Api.Http.PostAsync($"/api/orchestrations/{orchestration}/runs", null), HttpStatusCode.Accepted);
        return await herald.Api.WaitForAsync(started.Id);
    }
}
