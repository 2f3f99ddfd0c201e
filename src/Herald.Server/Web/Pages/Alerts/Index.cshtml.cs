using Herald.Application.UseCases;
using Herald.Server.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Alerts;

internal sealed class IndexModel(AlertUseCases alerts) : PageModel
{
    public IReadOnlyList<AlertView> Rules { get; private set; } = [];

    /// <summary>Why the rule was not deleted: the caller may not edit alerts.</summary>
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostDeleteAsync(string? name, CancellationToken ct)
    {
        var removed = await alerts.RemoveAsync(Callers.Web(HttpContext), name ?? "", ct);
        if (removed.Refusal is { Kind: RefusalKind.Forbidden } forbidden)
        {
            Problem = forbidden.Message;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            await LoadAsync(ct);
            return Page();
        }
        TempData["Notice"] = removed.Succeeded ? $"Deleted the alert rule '{removed.Value.Name}' and its history." : $"The alert rule '{name}' was already gone.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Rules = [.. (await alerts.ListAsync(Callers.Web(HttpContext), ct)).Select(rule => rule.ToView(AlertEndpoints.HasSecret(rule)))];
}
