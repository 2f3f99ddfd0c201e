using Herald.Application.Schedules;
using Herald.Application.UseCases;
using Herald.Server.Api;
using Herald.Core.Schedules;
using Herald.Server.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Schedules;

/// <summary>
/// An orchestration's or a bridge's schedule (the route's first segment says which): what it is, and the form to change
/// it (cron in a zone, after an orchestration, by hand), pause or resume it.
/// </summary>
internal sealed class ScheduleModel(CatalogReads catalog, ScheduleUseCases schedules) : PageModel
{
    [BindProperty] public string Mode { get; set; } = "manual";
    [BindProperty] public string? Cron { get; set; }
    [BindProperty] public string? TimeZone { get; set; }
    [BindProperty] public string? After { get; set; }

    /// <summary>The route's first segment: <c>orchestrations</c> or <c>bridges</c> (the route admits no other).</summary>
    public string Collection => RouteData.Values["collection"] as string == "bridges" ? "bridges" : "orchestrations";

    public bool IsBridge => Collection == "bridges";
    public string Name { get; private set; } = "";
    public ScheduleView Schedule { get; private set; } = null!;

    /// <summary>The orchestrations it can run after: every one for a bridge, every other one for an orchestration.</summary>
    public IReadOnlyList<string> Predecessors { get; private set; } = [];

    /// <summary>The page of the scheduled orchestration or bridge.</summary>
    public string Home => $"/{Collection}/{Uri.EscapeDataString(Name)}";
    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync([FromRoute] string name, CancellationToken ct)
    {
        if (!await LoadAsync(name, ct))
        {
            return NotFound();
        }
        Mode = Schedule.Trigger;
        Cron = Schedule.Cron ?? "0 6 * * *";
        TimeZone = Schedule.TimeZone ?? "UTC";
        After = Schedule.After?.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string name, CancellationToken ct)
    {
        if (!await LoadAsync(name, ct))
        {
            return NotFound();
        }
        var draft = Mode switch
        {
            "cron" => new ScheduleDraft(Cron ?? "", TimeZone ?? "", null, false),
            "after" => new ScheduleDraft(null, null, After ?? "", false),
            "manual" => new ScheduleDraft(null, null, null, true),
            _ => null,
        };
        if (draft is null)
        {
            Errors.Add(nameof(Mode), $"Choose when the {(IsBridge ? "bridge syncs" : "orchestration runs")}: on a cron expression, after an orchestration, or by hand only.");
            return Page();
        }
        return await DoneAsync(await schedules.SetAsync(Callers.Web(HttpContext), WorkOf(name), draft, ct), name, "Saved the schedule", ct);
    }

    public async Task<IActionResult> OnPostPauseAsync([FromRoute] string name, CancellationToken ct) =>
        await DoneAsync(await schedules.PauseAsync(Callers.Web(HttpContext), WorkOf(name), ct), name, "Paused the schedule", ct);

    public async Task<IActionResult> OnPostResumeAsync([FromRoute] string name, CancellationToken ct) =>
        await DoneAsync(await schedules.ResumeAsync(Callers.Web(HttpContext), WorkOf(name), ct), name,
            "Resumed the schedule; slots that passed while it was paused are not run", ct);

    private async Task<IActionResult> DoneAsync(UseCaseResult<ScheduleOverview> result, string name, string notice, CancellationToken ct)
    {
        if (!result.Succeeded)
        {
            // The refusal is shown on the schedule's page, which needs the schedule: pause and resume arrive without it.
            if (result.Refusal.Kind == RefusalKind.NotFound || Schedule is null && !await LoadAsync(name, ct))
            {
                return NotFound();
            }
            Errors.Show(result.Refusal, conflictField: nameof(Mode));
            return Page();
        }
        TempData["Notice"] = $"{notice} of '{result.Value.Work.Name}'.";
        return Redirect($"/{Collection}/{Uri.EscapeDataString(result.Value.Work.Name)}");
    }

    private async Task<bool> LoadAsync(string name, CancellationToken ct)
    {
        var caller = Callers.Web(HttpContext);
        var overview = await schedules.GetAsync(caller, WorkOf(name), ct);
        if (!overview.Succeeded)
        {
            return false;
        }
        Schedule = ScheduleEndpoints.ToView(overview.Value);
        Name = Schedule.Name;
        Predecessors = [.. (await catalog.ListOrchestrationsAsync(caller, ct)).Select(o => o.Orchestration.Name).Where(n => IsBridge || n != Name)];
        return true;
    }

    private ScheduledWork WorkOf(string name) => IsBridge ? ScheduledWork.OfBridge(name) : ScheduledWork.OfOrchestration(name);
}
