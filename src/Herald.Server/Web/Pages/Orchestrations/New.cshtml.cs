using Herald.Core.Catalog;
using Herald.Core.Ports;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Server.Web.Pages.Orchestrations;

internal sealed class NewModel(ICatalogStore catalog, IAudienceSource source, TimeProvider clock) : OrchestrationFormModel(catalog, source)
{
    public override bool IsNew => true;

    public async Task OnGetAsync(string? destination, CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        Destination = destination ?? (Destinations.Count == 1 ? Destinations[0].Name : null);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        if (await ValidateAsync(ct) is not { } destination)
        {
            return Page();
        }
        var now = clock.GetUtcNow();
        var orchestration = new Orchestration(Guid.NewGuid(), Name!, destination.Id, Query!.Trim(), AllowEmpty,
            string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(), now, now);
        await Catalog.SaveOrchestrationAsync(orchestration, ct);
        TempData["Notice"] = $"Saved the orchestration '{orchestration.Name}'. Run it now, or try a test send with a small sample first.";
        return Redirect($"/orchestrations/{Uri.EscapeDataString(orchestration.Name)}");
    }

    protected override async Task<bool> PrepareAsync(string? name, CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        return true;
    }
}
