using Herald.Application.UseCases;
using Herald.Server.Api;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Destinations;

internal sealed class IndexModel(CatalogReads catalog, DestinationUseCases destinations, TimeProvider clock) : PageModel
{
    public IReadOnlyList<DestinationRow> Rows { get; private set; } = [];
    public int CredentialCount { get; private set; }
    public DateTimeOffset Now { get; } = clock.GetUtcNow();
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostDeleteAsync(string? name, CancellationToken ct)
    {
        var removed = await destinations.RemoveAsync(Callers.Web(HttpContext), name ?? "", ct);
        if (removed.Refusal is { Kind: RefusalKind.NotFound })
        {
            TempData["Notice"] = $"The destination '{name}' was already gone.";
            return RedirectToPage();
        }
        if (removed.Refusal is { Kind: RefusalKind.Forbidden } forbidden)
        {
            Problem = forbidden.Message;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            await LoadAsync(ct);
            return Page();
        }
        if (!removed.Succeeded)
        {
            Problem = $"The destination '{name}' was not deleted: the orchestration(s) {string.Join(", ", removed.Refusal.InUseBy.Select(n => $"'{n}'"))} send to it. " +
                "Point them elsewhere or delete them first.";
            await LoadAsync(ct);
            return Page();
        }
        TempData["Notice"] = $"Deleted the destination '{removed.Value.Name}'. The segment stays in Insider One.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var caller = Callers.Web(HttpContext);
        CredentialCount = (await catalog.ListCredentialsAsync(caller, ct)).Count;
        Rows = [.. (await catalog.ListDestinationsAsync(caller, ct))
            .Select(d => new DestinationRow(d.Destination, d.CredentialName, d.Credential?.Plugin ?? Plugins.InsiderOne, d.Orchestrations.Count))];
    }
}

internal sealed record DestinationRow(Destination Destination, string? CredentialName, string Plugin, int Orchestrations);
