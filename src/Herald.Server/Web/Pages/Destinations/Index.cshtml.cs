using Herald.Core.Catalog;
using Herald.Core.Ports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Destinations;

internal sealed class IndexModel(ICatalogStore catalog, TimeProvider clock) : PageModel
{
    public IReadOnlyList<DestinationRow> Rows { get; private set; } = [];
    public int CredentialCount { get; private set; }
    public DateTimeOffset Now { get; } = clock.GetUtcNow();
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostDeleteAsync(string? name, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(name) || await catalog.FindDestinationAsync(name, ct) is not { } destination)
        {
            TempData["Notice"] = $"The destination '{name}' was already gone.";
            return RedirectToPage();
        }
        var usedBy = (await catalog.ListOrchestrationsAsync(ct)).Where(o => o.DestinationId == destination.Id).Select(o => $"'{o.Name}'").ToList();
        if (usedBy.Count > 0)
        {
            Problem = $"The destination '{destination.Name}' was not deleted: the orchestration(s) {string.Join(", ", usedBy)} send to it. Point them elsewhere or delete them first.";
            await LoadAsync(ct);
            return Page();
        }
        await catalog.DeleteDestinationAsync(destination.Id, ct);
        TempData["Notice"] = $"Deleted the destination '{destination.Name}'. The segment stays in Insider One.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var credentials = (await catalog.ListCredentialsAsync(ct)).ToDictionary(c => c.Id);
        var orchestrations = await catalog.ListOrchestrationsAsync(ct);
        CredentialCount = credentials.Count;
        Rows = [.. (await catalog.ListDestinationsAsync(ct))
            .OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase)
            .Select(d => new DestinationRow(d,
                credentials.GetValueOrDefault(d.CredentialId)?.Name,
                credentials.GetValueOrDefault(d.CredentialId)?.Plugin ?? Plugins.InsiderOne,
                orchestrations.Count(o => o.DestinationId == d.Id)))];
    }
}

internal sealed record DestinationRow(Destination Destination, string? CredentialName, string Plugin, int Orchestrations);
