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

    /// <summary>Why no test alert was queued: the caller may not edit alerts.</summary>
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostTestAsync(CancellationToken ct)
    {
        var queued = await alerts.TestAsync(Callers.Web(HttpContext), Name, ct);
        if (queued.Refusal is { Kind: RefusalKind.Forbidden } forbidden && await LoadAsync(ct))
        {
            Problem = forbidden.Message;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        if (!queued.Succeeded)
        {
            return NotFound();
        }
        TempData["Notice"] = "Queued a test alert; its attempts show below as they happen (reload to follow them).";
        return RedirectToPage(new { name = Name });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var shown = await alerts.ShowAsync(Callers.Web(HttpContext), Name, ct);
        if (shown.Succeeded)
        {
            Details = shown.Value.ToView(AlertEndpoints.HasSecret(shown.Value.Rule));
        }
        return shown.Succeeded;
    }
}
