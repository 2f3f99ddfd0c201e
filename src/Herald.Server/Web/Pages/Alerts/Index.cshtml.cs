using Herald.Application.UseCases;
using Herald.Server.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Alerts;

internal sealed class IndexModel(AlertUseCases alerts) : PageModel
{
    public IReadOnlyList<AlertView> Rules { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Rules = [.. (await alerts.ListAsync(Callers.Web(HttpContext), ct)).Select(rule => rule.ToView(AlertEndpoints.HasSecret(rule)))];

    public async Task<IActionResult> OnPostDeleteAsync(string? name, CancellationToken ct)
    {
        var removed = await alerts.RemoveAsync(Callers.Web(HttpContext), name ?? "", ct);
        TempData["Notice"] = removed.Succeeded ? $"Deleted the alert rule '{removed.Value.Name}' and its history." : $"The alert rule '{name}' was already gone.";
        return RedirectToPage();
    }
}
