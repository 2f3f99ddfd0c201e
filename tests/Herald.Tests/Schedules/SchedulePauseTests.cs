using System.Net;
using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Tests.Support;

namespace Herald.Tests.Schedules;

/// <summary>A schedule whose runs fail in a row pauses itself with the reason; a person pauses and resumes it.</summary>
public sealed class SchedulePauseTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 10, 0, TimeSpan.Zero);

    [Fact]
    public async Task Schedule_WhoseRunsFailTwiceInARow_PausesItselfWithTheReasonAndStartsNoMore()
    {
        await using var herald = await ScheduledHerald.StartAsync(Start, new Dictionary<string, string?> { ["Herald:Schedules:PauseAfterFailures"] = "2" });
        var name = await herald.AddOrchestrationAsync();
        await herald.ScheduleAsync(name, new ScheduleInput(Cron: "0 * * * *", TimeZone: "UTC"));
        // Insider One refuses every upload (400 is not retried).
        herald.Harness.Simulator.Faults.FailStatus = 400;
        herald.Harness.Simulator.Faults.FailNextUploads = 1000;

        await herald.AdvanceToAsync(Start.AddMinutes(50));
        (await herald.FinishedRunsOfAsync(name)).ShouldHaveSingleItem().State.ShouldBe("failed");
        (await herald.GetScheduleAsync(name)).State.ShouldBe("active");
        await herald.AdvanceToAsync(Start.AddMinutes(110));
        var runs = await herald.FinishedRunsOfAsync(name);

        runs.Select(r => r.State).ShouldBe(["failed", "failed"]);
        var schedule = await herald.ScheduleWhenAsync(name, s => s.State == "paused", "the schedule is paused");
        schedule.PausedReason.ShouldNotBeNull().ShouldContain("2 run(s) failed in a row");
        schedule.PausedReason.ShouldContain(runs[1].Id.ToString());
        schedule.NextRuns.ShouldBeEmpty();
        await herald.AdvanceToAsync(Start.AddMinutes(170));
        (await herald.FinishedRunsOfAsync(name)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Schedule_AfterASuccessBetweenFailures_KeepsRunning()
    {
        await using var herald = await ScheduledHerald.StartAsync(Start, new Dictionary<string, string?> { ["Herald:Schedules:PauseAfterFailures"] = "2" });
        var name = await herald.AddOrchestrationAsync();
        await herald.ScheduleAsync(name, new ScheduleInput(Cron: "0 * * * *", TimeZone: "UTC"));
        herald.Harness.Simulator.Faults.FailStatus = 400;

        foreach (var (hour, fail) in new[] { (1, true), (2, false), (3, true) })
        {
            herald.Harness.Simulator.Faults.FailNextUploads = fail ? 1000 : 0;
            await herald.AdvanceToAsync(Start.AddMinutes(hour * 60 - 10));
            await herald.FinishedRunsOfAsync(name);
        }

        (await herald.FinishedRunsOfAsync(name)).Select(r => r.State).ShouldBe(["failed", "succeeded", "failed"]);
        (await herald.GetScheduleAsync(name)).State.ShouldBe("active");
    }

    [Fact]
    public async Task PauseAndResume_ByAPerson_StopsSlotsAndSkipsThoseThatPassedWhilePaused()
    {
        await using var herald = await ScheduledHerald.StartAsync(Start);
        var name = await herald.AddOrchestrationAsync();
        await herald.ScheduleAsync(name, new ScheduleInput(Cron: "0 * * * *", TimeZone: "UTC"));

        var paused = await HeraldApi.ReadAsync<ScheduleView>(await herald.Api.Http.PostAsync($"/api/orchestrations/{name}/schedule/pause", null), HttpStatusCode.OK);
        await herald.AdvanceToAsync(Start.AddMinutes(170));
        var resumed = await HeraldApi.ReadAsync<ScheduleView>(await herald.Api.Http.PostAsync($"/api/orchestrations/{name}/schedule/resume", null), HttpStatusCode.OK);
        await herald.TickAsync();
        var runsWhilePausedAndJustAfter = await herald.FinishedRunsOfAsync(name);
        await herald.AdvanceToAsync(Start.AddMinutes(230));

        paused.State.ShouldBe("paused");
        paused.PausedReason.ShouldNotBeNull().ShouldContain("Paused by admin");
        runsWhilePausedAndJustAfter.ShouldBeEmpty();
        resumed.State.ShouldBe("active");
        resumed.NextRuns.First().Utc.ShouldBe(Start.AddMinutes(230));
        (await herald.FinishedRunsOfAsync(name)).ShouldHaveSingleItem().CreatedAt.ShouldBe(Start.AddMinutes(230));
        var again = await herald.Api.Http.PostAsync($"/api/orchestrations/{name}/schedule/resume", null);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Schedule_ThroughTheApi_ShowsTheNextFiveTimesInItsZoneAndInUtc()
    {
        await using var herald = await ScheduledHerald.StartAsync(new DateTimeOffset(2026, 3, 27, 12, 0, 0, TimeSpan.Zero));
        var name = await herald.AddOrchestrationAsync();

        var view = await herald.ScheduleAsync(name, new ScheduleInput(Cron: "30 2 * * *", TimeZone: "Europe/Berlin"));

        view.Description.ShouldBe("cron '30 2 * * *' in Europe/Berlin");
        view.NextRuns.Select(t => t.Utc).ShouldBe([
            new DateTimeOffset(2026, 3, 28, 1, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 3, 30, 0, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 31, 0, 30, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 4, 1, 0, 30, 0, TimeSpan.Zero)]);
        view.NextRuns[0].Local.Offset.ShouldBe(TimeSpan.FromHours(1));
        view.NextRuns[2].Local.Offset.ShouldBe(TimeSpan.FromHours(2));
        view.NextRuns[2].Local.Hour.ShouldBe(2);
    }

    [Theory]
    [InlineData("{\"cron\":\"* * * * *\",\"timeZone\":\"UTC\"}", "Herald:Schedules:MinimumInterval")]
    [InlineData("{\"cron\":\"0 6 * * *\",\"timeZone\":\"Narnia/Cair_Paravel\"}", "Unknown time zone")]
    [InlineData("{\"cron\":\"0 6 * * *\"}", "time zone")]
    [InlineData("{\"cron\":\"0 6 * * *\",\"timeZone\":\"UTC\",\"manual\":true}", "Choose one")]
    [InlineData("{}", "Choose one")]
    [InlineData("{\"after\":\"no-such-orchestration\"}", "No orchestration named")]
    public async Task Schedule_WhenTheRequestIsAbsurd_IsRefusedSayingWhatToChange(string body, string saying)
    {
        await using var herald = await ScheduledHerald.StartAsync(Start);
        var name = await herald.AddOrchestrationAsync();

        var response = await herald.Api.Http.PutAsync($"/api/orchestrations/{name}/schedule", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var error = await HeraldApi.ReadAsync<ApiProblem>(response, HttpStatusCode.BadRequest);
        (error.Message + string.Join(" ", error.Errors ?? [])).ShouldContain(saying);
        (await herald.GetScheduleAsync(name)).Trigger.ShouldBe("manual");
    }

    [Fact]
    public async Task Schedule_OfAnUnknownOrchestration_IsNotFound()
    {
        await using var herald = await ScheduledHerald.StartAsync(Start);

        var response = await herald.Api.Http.PutAsJsonAsync("/api/orchestrations/nothing-here/schedule", new ScheduleInput(Manual: true));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
