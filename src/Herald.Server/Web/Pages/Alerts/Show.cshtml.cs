using Herald.Application.UseCases;
using Herald.Server.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Alerts;

internal sealed class ShowModel(AlertUseCases alerts, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Name { get; set; } = "";

    public AlertDetailsView? Details { get; private set; }

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var shown = await alerts.ShowAsync(Callers.Web(HttpContext), Name, ct);
        if (!shown.Succeeded)
        {
            return NotFound();
        }
        Details = shown.Value.ToView(AlertEndpoints.HasSecret(shown.Value.Rule));
        return Page();
    }

    public async Task<IActionResult> OnPostTestAsync(CancellationToken ct)
    {
        var queued = await alerts.TestAsync(Callers.Web(HttpContext), Name, ct);
        if (!queued.Succeeded)
        {
            return NotFound();
        }
        TempData["Notice"] = "Queued a test alert; its attempts show below as they happen (reload to follow them).";
        return RedirectToPage(new { name = Name });
    }
}
