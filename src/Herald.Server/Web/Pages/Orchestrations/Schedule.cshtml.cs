using Herald.Application.Schedules;
using Herald.Application.UseCases;
using Herald.Server.Api;
using Herald.Server.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Orchestrations;

/// <summary>An orchestration's schedule: what it is, and the form to change it (cron in a zone, after another, by hand), pause or resume it.</summary>
internal sealed class ScheduleModel(CatalogReads catalog, ScheduleUseCases schedules) : PageModel
{
    [BindProperty] public string Mode { get; set; } = "manual";
    [BindProperty] public string? Cron { get; set; }
    [BindProperty] public string? TimeZone { get; set; }
    [BindProperty] public string? After { get; set; }

    public string Name { get; private set; } = "";
    public ScheduleView Schedule { get; private set; } = null!;
    public IReadOnlyList<string> OtherOrchestrations { get; private set; } = [];
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
            Errors.Add(nameof(Mode), "Choose when the orchestration runs: on a cron expression, after another orchestration, or by hand only.");
            return Page();
        }
        return Done(await schedules.SetAsync(Callers.Web(HttpContext), name, draft, ct), "Saved the schedule");
    }

    public async Task<IActionResult> OnPostPauseAsync([FromRoute] string name, CancellationToken ct) =>
        Done(await schedules.PauseAsync(Callers.Web(HttpContext), name, ct), "Paused the schedule");

    public async Task<IActionResult> OnPostResumeAsync([FromRoute] string name, CancellationToken ct) =>
        Done(await schedules.ResumeAsync(Callers.Web(HttpContext), name, ct), "Resumed the schedule; slots that passed while it was paused are not run");

    private IActionResult Done(UseCaseResult<ScheduleOverview> result, string notice)
    {
        if (!result.Succeeded)
        {
            if (result.Refusal.Kind == RefusalKind.NotFound)
            {
                return NotFound();
            }
            Errors.Show(result.Refusal, conflictField: nameof(Mode));
            return Page();
        }
        TempData["Notice"] = $"{notice} of '{result.Value.Work.Name}'.";
        return Redirect($"/orchestrations/{Uri.EscapeDataString(result.Value.Work.Name)}");
    }

    private async Task<bool> LoadAsync(string name, CancellationToken ct)
    {
        var caller = Callers.Web(HttpContext);
        var overview = await schedules.GetAsync(caller, name, ct);
        if (!overview.Succeeded)
        {
            return false;
        }
        Schedule = ScheduleEndpoints.ToView(overview.Value);
        Name = Schedule.Orchestration;
        OtherOrchestrations = [.. (await catalog.ListOrchestrationsAsync(caller, ct)).Select(o => o.Orchestration.Name).Where(n => n != Name)];
        return true;
    }
}
