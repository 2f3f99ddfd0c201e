using Herald.Server.Api;

namespace Herald.Tests.Schedules;

/// <summary>
/// A 02:30 daily schedule in Europe/Berlin run by the real engine across both daylight-saving nights of 2026: the night
/// the clock skips 02:30 runs once (at the jump to 03:00), the night it repeats 02:30 runs once.
/// </summary>
public sealed class ScheduleDaylightSavingTests
{
    [Theory]
    [InlineData("2026-03-27T12:00:00Z", new[] { "2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z" })]
    [InlineData("2026-10-23T12:00:00Z", new[] { "2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z" })]
    public async Task DailyAt0230_AcrossADaylightSavingNight_RunsOncePerNight(string start, string[] expectedSlots)
    {
        await using var herald = await ScheduledHerald.StartAsync(DateTimeOffset.Parse(start));
        var name = await herald.AddOrchestrationAsync();
        await herald.ScheduleAsync(name, new ScheduleInput(Cron: "30 2 * * *", TimeZone: "Europe/Berlin"));

        // Every quarter of an hour for three days and a half: each pass finds at most the one slot due.
        for (var at = DateTimeOffset.Parse(start); at <= DateTimeOffset.Parse(start).AddDays(3.5); at = at.AddMinutes(15))
        {
            await herald.AdvanceToAsync(at);
            await herald.FinishedRunsOfAsync(name);
        }

        var runs = await herald.FinishedRunsOfAsync(name);
        runs.ShouldAllBe(r => r.State == "succeeded", string.Join("; ", runs.Select(r => r.Reason)));
        runs.Select(r => r.CreatedAt).ShouldBe(expectedSlots.Select(DateTimeOffset.Parse));
        runs.ShouldAllBe(r => r.StartedBy == "schedule");
        ScheduledHerald.QueuedReason(runs[1]).ShouldContain("Europe/Berlin");
    }
}
