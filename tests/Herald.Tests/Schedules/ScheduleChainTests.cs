using System.Net;
using Herald.Core.Schedules;
using Herald.Server.Api;
using Herald.Storage.Sqlite;
using Herald.Tests.Shared;
using Herald.Tests.Support;

namespace Herald.Tests.Schedules;

/// <summary>Run-after chains: a success starts the followers, cycles and overlong chains are refused when saved.</summary>
public sealed class ScheduleChainTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 5, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Chain_OfThree_RunsEachAfterThePreviousSucceeds()
    {
        await using var herald = await ScheduledHerald.StartAsync(Start);
        var first = await herald.AddOrchestrationAsync();
        var second = await herald.AddOrchestrationAsync();
        var third = await herald.AddOrchestrationAsync();
        await herald.ScheduleAsync(first, new ScheduleInput(Cron: "0 6 * * *", TimeZone: "Europe/Istanbul"));
        await herald.ScheduleAsync(second, new ScheduleInput(After: first));
        var view = await herald.ScheduleAsync(third, new ScheduleInput(After: second));
        view.Trigger.ShouldBe("after");
        view.After.ShouldBe(new ScheduledWorkView("orchestration", second));

        // 06:00 in Istanbul is 03:00 UTC: the next day's slot.
        await herald.AdvanceToAsync(new DateTimeOffset(2026, 6, 2, 3, 0, 0, TimeSpan.Zero));
        var firstRun = (await herald.FinishedRunsOfAsync(first)).ShouldHaveSingleItem();
        await Eventually.TrueAsync(async () => (await herald.FinishedRunsOfAsync(third)).Count == 1, "the third orchestration has run");

        var secondRun = (await herald.FinishedRunsOfAsync(second)).ShouldHaveSingleItem();
        var thirdRun = (await herald.FinishedRunsOfAsync(third)).ShouldHaveSingleItem();
        new[] { firstRun, secondRun, thirdRun }.ShouldAllBe(r => r.State == "succeeded");
        ScheduledHerald.QueuedReason(secondRun).ShouldContain(firstRun.Id.ToString());
        ScheduledHerald.QueuedReason(thirdRun).ShouldContain(secondRun.Id.ToString());

        // The catch-up pass does not start a follower again for a success already followed.
        await herald.TickAsync();
        (await herald.FinishedRunsOfAsync(second)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Chain_WhenThePredecessorSucceededWhileNoOneListened_CatchesUpOnceOnStart()
    {
        await using var herald = await ScheduledHerald.StartAsync(Start);
        var first = await herald.AddOrchestrationAsync();
        var second = await herald.AddOrchestrationAsync();
        herald.Clock.Advance(TimeSpan.FromMinutes(1));
        var started = await HeraldApi.ReadAsync<RunView>(await herald.Api.Http.PostAsync($"/api/orchestrations/{first}/runs", null), HttpStatusCode.Accepted);
        (await herald.Api.WaitForAsync(started.Id)).State.ShouldBe("succeeded");

        // The chain was stored before that success, but no listener heard it (as when Herald stopped just after the save).
        await herald.Harness.RestartAsync(clock: herald.Clock, whileStopped: async data =>
            await new SqliteScheduleStore(new SqliteDatabase(Path.Combine(data, "herald.db"))).SaveAsync(
                new Schedule(ScheduledWork.OfOrchestration(second), ScheduleTrigger.RunAfter(ScheduledWork.OfOrchestration(first)), ScheduleState.Active, null, Start, null, Start),
                CancellationToken.None));
        await herald.TickAsync();
        await herald.TickAsync();

        var followed = (await herald.FinishedRunsOfAsync(second)).ShouldHaveSingleItem();
        followed.State.ShouldBe("succeeded", followed.Reason);
        ScheduledHerald.QueuedReason(followed).ShouldContain(started.Id.ToString());
    }

    [Fact]
    public async Task Chain_ThatWouldCloseACycle_IsRefusedNamingTheCycle()
    {
        await using var herald = await ScheduledHerald.StartAsync(Start);
        var a = await herald.AddOrchestrationAsync("chain-a");
        var b = await herald.AddOrchestrationAsync("chain-b");
        var c = await herald.AddOrchestrationAsync("chain-c");
        await herald.ScheduleAsync(b, new ScheduleInput(After: a));
        await herald.ScheduleAsync(c, new ScheduleInput(After: b));

        var refused = await herald.TryScheduleAsync(a, new ScheduleInput(After: c));
        var itself = await herald.TryScheduleAsync(a, new ScheduleInput(After: a));

        var error = await HeraldApi.ReadAsync<ApiProblem>(refused, HttpStatusCode.BadRequest);
        error.Errors.ShouldNotBeNull().ShouldHaveSingleItem().ShouldContain("'chain-a' runs after 'chain-c' runs after 'chain-b' runs after 'chain-a'");
        (await HeraldApi.ReadAsync<ApiProblem>(itself, HttpStatusCode.BadRequest)).Errors!.ShouldHaveSingleItem().ShouldContain("itself");
        (await herald.GetScheduleAsync(a)).Trigger.ShouldBe("manual");
    }

    [Fact]
    public async Task Chain_LongerThanTheSetting_IsRefused()
    {
        await using var herald = await ScheduledHerald.StartAsync(Start, new Dictionary<string, string?> { ["Herald:Schedules:MaxChainLength"] = "3" });
        var names = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            names.Add(await herald.AddOrchestrationAsync());
        }
        await herald.ScheduleAsync(names[1], new ScheduleInput(After: names[0]));
        await herald.ScheduleAsync(names[2], new ScheduleInput(After: names[1]));

        var refused = await herald.TryScheduleAsync(names[3], new ScheduleInput(After: names[2]));
        // Joining two chains in the middle is counted first to last as well.
        var joined = await herald.TryScheduleAsync(names[0], new ScheduleInput(After: names[3]));

        (await HeraldApi.ReadAsync<ApiProblem>(refused, HttpStatusCode.BadRequest)).Errors!.ShouldHaveSingleItem().ShouldContain("Herald:Schedules:MaxChainLength");
        (await HeraldApi.ReadAsync<ApiProblem>(joined, HttpStatusCode.BadRequest)).Errors!.ShouldHaveSingleItem().ShouldContain("4 orchestrations");
    }

    [Fact]
    public async Task Removing_AnOrchestrationOthersRunAfter_IsRefusedNamingThem()
    {
        await using var herald = await ScheduledHerald.StartAsync(Start);
        var first = await herald.AddOrchestrationAsync();
        var second = await herald.AddOrchestrationAsync();
        await herald.ScheduleAsync(second, new ScheduleInput(After: first));

        var refused = await herald.Api.Http.DeleteAsync($"/api/orchestrations/{first}");

        (await HeraldApi.ReadAsync<ApiProblem>(refused, HttpStatusCode.Conflict)).Message.ShouldContain(second);
        (await herald.Api.Http.DeleteAsync($"/api/orchestrations/{second}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await herald.Api.Http.DeleteAsync($"/api/orchestrations/{first}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

}
