using Herald.Application.Schedules;
using Herald.Application.UseCases;
using Herald.Core.Catalog;
using Herald.InsiderOne;
using Herald.Server.Api;
using Herald.Server.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Orchestrations;

internal sealed class DetailModel(
    CatalogReads catalog, RunReads runs, RunUseCases useCases, OrchestrationUseCases orchestrations, ScheduleUseCases schedules, TimeProvider clock) : PageModel
{
    [BindProperty] public int SampleSize { get; set; } = WebRuns.SampleSizes[0];
    [BindProperty] public string? TestSegmentName { get; set; }

    public Orchestration Orchestration { get; private set; } = null!;
    public Destination? Destination { get; private set; }
    public IReadOnlyList<RunSummary> RecentRuns { get; private set; } = [];
    public ScheduleView? Schedule { get; private set; }
    public FormErrors Errors { get; } = new();
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync([FromRoute] string name, CancellationToken ct)
    {
        if (!await LoadAsync(name, ct))
        {
            return NotFound();
        }
        TestSegmentName = DefaultTestSegment(Destination?.InsiderOne().SegmentName ?? Orchestration.Name);
        return Page();
    }

    public async Task<IActionResult> OnPostRunAsync([FromRoute] string name, CancellationToken ct)
    {
        if (!await LoadAsync(name, ct))
        {
            return NotFound();
        }
        var run = await useCases.StartOrchestrationAsync(Callers.Web(HttpContext), Orchestration.Id.ToString(), null, false, ct);
        if (!run.Succeeded)
        {
            TempData["Problem"] = run.Refusal.Message;
            return Redirect(Request.Path);
        }
        return Redirect($"/runs/{run.Value.Id}");
    }

    public async Task<IActionResult> OnPostTestSendAsync([FromRoute] string name, CancellationToken ct)
    {
        if (!await LoadAsync(name, ct))
        {
            return NotFound();
        }
        if (Destination is null)
        {
            Errors.Add("", "The orchestration's destination was deleted; edit the orchestration to choose another.");
            return Page();
        }
        if (!WebRuns.SampleSizes.Contains(SampleSize))
        {
            Errors.Add(nameof(SampleSize), $"Choose a sample of {string.Join(" or ", WebRuns.SampleSizes)} values.");
        }
        Errors.AddRange(nameof(TestSegmentName), InsiderOneRules.CheckSegmentName(TestSegmentName));
        if (TestSegmentName == Destination.InsiderOne().SegmentName)
        {
            Errors.Add(nameof(TestSegmentName),
                $"'{TestSegmentName}' is the destination's own segment, which a test would replace with {SampleSize} values. Give the test a segment name of its own.");
        }
        if (Errors.Any)
        {
            return Page();
        }
        var run = await useCases.TestSendAsync(Callers.Web(HttpContext), Orchestration.Id.ToString(), TestSegmentName, SampleSize, ct);
        if (!run.Succeeded)
        {
            Errors.Add("", run.Refusal.Message);
            return Page();
        }
        return Redirect($"/runs/{run.Value.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync([FromRoute] string name, CancellationToken ct)
    {
        var removed = await orchestrations.RemoveAsync(Callers.Web(HttpContext), name, ct);
        if (removed.Succeeded)
        {
            TempData["Notice"] = $"Deleted the orchestration '{removed.Value.Name}'. Its runs stay in the history.";
        }
        else if (removed.Refusal.Kind is RefusalKind.Conflict or RefusalKind.Forbidden)
        {
            // Others run after it, or the caller may not delete it: say so on its page rather than pretend it was deleted.
            TempData["Problem"] = removed.Refusal.Message;
            return Redirect(Request.Path);
        }
        else
        {
            TempData["Notice"] = $"The orchestration '{name}' was already gone.";
        }
        return Redirect("/orchestrations");
    }

    private async Task<bool> LoadAsync(string name, CancellationToken ct)
    {
        var caller = Callers.Web(HttpContext);
        if ((await catalog.FindOrchestrationAsync(caller, name, ct)).Value is not { } found)
        {
            return false;
        }
        Orchestration = found.Orchestration;
        Destination = found.Destination;
        RecentRuns = [.. (await runs.ListAsync(caller, new RunFilter(Orchestration: found.Orchestration.Id.ToString(), Limit: 10), ct)).Select(r => r.ToSummary())];
        var schedule = await schedules.GetAsync(caller, found.Orchestration.Name, ct);
        Schedule = schedule.Succeeded ? ScheduleEndpoints.ToView(schedule.Value) : null;
        return true;
    }

    private static string DefaultTestSegment(string segmentName)
    {
        const string suffix = " (test)";
        var room = InsiderOneRules.MaxSegmentNameLength - suffix.Length;
        return (segmentName.Length > room ? segmentName[..room].TrimEnd() : segmentName) + suffix;
    }
}
