using Herald.Application.Schedules;
using Herald.Application.UseCases;
using Herald.Core.Schedules;
using Herald.Server.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Bridges;

internal sealed class DetailModel(BridgeUseCases bridges, ScheduleUseCases schedules, TimeProvider clock) : PageModel
{
    public BridgeDetails Details { get; private set; } = null!;

    /// <summary>When the bridge syncs by itself; null when the caller may not read it.</summary>
    public ScheduleView? Schedule { get; private set; }
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync([FromRoute] string name, CancellationToken ct)
    {
        var shown = await bridges.ShowAsync(Callers.Web(HttpContext), name, ct);
        if (!shown.Succeeded)
        {
            return NotFound();
        }
        Details = shown.Value;
        var schedule = await schedules.GetAsync(Callers.Web(HttpContext), ScheduledWork.OfBridge(Details.Bridge.Name), ct);
        Schedule = schedule.Succeeded ? ScheduleEndpoints.ToView(schedule.Value) : null;
        return Page();
    }

    public async Task<IActionResult> OnPostSyncAsync([FromRoute] string name, CancellationToken ct) =>
        await BridgePlaces.StartSyncAsync(this, bridges, name, ct);
}
