using Herald.Application.Schedules;
using Herald.Core.Schedules;

namespace Herald.Server.Api;

/// <summary>An orchestration's or a bridge's schedule: read, set (cron in a zone, after an orchestration, or by hand), pause, resume.</summary>
internal static class ScheduleEndpoints
{
    public static void MapScheduleEndpoints(this RouteGroupBuilder api)
    {
        MapScheduleOf(api, "orchestrations", ScheduledWork.OfOrchestration, "an orchestration's schedule, its next five runs");
        MapScheduleOf(api, "bridges", ScheduledWork.OfBridge, "a bridge's sync schedule, its next five syncs");
    }

    // The same four endpoints for each kind of work: the use cases tell the kinds apart (and ask bridge:edit or orchestration:edit).
    private static void MapScheduleOf(RouteGroupBuilder api, string collection, Func<string, ScheduledWork> workOf, string shown)
    {
        var group = api.MapGroup($"/{collection}/{{key}}/schedule").WithTags("Schedules");

        group.MapGet("/", async (string key, HttpContext http, ScheduleUseCases useCases, CancellationToken ct) =>
                Answer(await useCases.GetAsync(Callers.Api(http), workOf(key), ct)))
            .WithSummary($"Show {shown} (in its zone and UTC) and its latest slots")
            .Produces<ScheduleView>().Problems(404);

        group.MapPut("/", async (string key, ScheduleInput input, HttpContext http, ScheduleUseCases useCases, CancellationToken ct) =>
                Answer(await useCases.SetAsync(Callers.Api(http), workOf(key), new ScheduleDraft(input.Cron, input.TimeZone, input.After, input.Manual), ct)))
            .WithSummary("Set the schedule: a cron expression with an IANA time zone, an orchestration to run after, or by hand only")
            .Produces<ScheduleView>().Problems(400, 404);

        group.MapPost("/pause", async (string key, HttpContext http, ScheduleUseCases useCases, CancellationToken ct) =>
                Answer(await useCases.PauseAsync(Callers.Api(http), workOf(key), ct)))
            .WithSummary("Pause the schedule: no slot runs until it is resumed")
            .Produces<ScheduleView>().Problems(404, 409);

        group.MapPost("/resume", async (string key, HttpContext http, ScheduleUseCases useCases, CancellationToken ct) =>
                Answer(await useCases.ResumeAsync(Callers.Api(http), workOf(key), ct)))
            .WithSummary("Resume a paused schedule; slots that passed while it was paused are not run")
            .Produces<ScheduleView>().Problems(404, 409);
    }

    private static IResult Answer(Application.UseCases.UseCaseResult<ScheduleOverview> result) =>
        result.Succeeded ? Results.Ok(ToView(result.Value)) : ApiResults.From(result.Refusal);

    public static ScheduleView ToView(ScheduleOverview overview)
    {
        var schedule = overview.Schedule;
        var trigger = schedule?.Trigger ?? ScheduleTrigger.Manual;
        return new ScheduleView(
            overview.Work.Name,
            overview.Work.Kind,
            trigger.Kind.ToString().ToLowerInvariant(),
            trigger.Cron,
            trigger.TimeZone,
            trigger.After is { } after ? new ScheduledWorkView(after.Kind, after.Name) : null,
            (schedule?.State ?? ScheduleState.Active).ToString().ToLowerInvariant(),
            schedule?.PausedReason,
            trigger.Describe(),
            [.. overview.NextRuns.Select(at => new ScheduleTimeView(at, at.ToUniversalTime()))],
            [.. overview.RecentSlots.Select(s => new ScheduleSlotView(s.Key, s.At, s.ClaimedAt, s.RunId, s.Outcome.ToString().ToLowerInvariant(), s.Detail))]);
    }
}
