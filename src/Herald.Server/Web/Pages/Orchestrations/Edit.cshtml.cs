using Herald.Core.Catalog;
using Herald.Core.Ports;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Server.Web.Pages.Orchestrations;

internal sealed class EditModel(ICatalogStore catalog, IAudienceSource source, TimeProvider clock) : OrchestrationFormModel(catalog, source)
{
    private Orchestration _orchestration = null!;

    public override bool IsNew => false;

    public async Task<IActionResult> OnGetAsync([FromRoute] string name, CancellationToken ct)
    {
        if (!await PrepareAsync(name, ct))
        {
            return NotFound();
        }
        Destination = Destinations.FirstOrDefault(d => d.Id == _orchestration.DestinationId)?.Name;
        Query = _orchestration.Query;
        AllowEmpty = _orchestration.AllowEmpty;
        Description = _orchestration.Description;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string name, CancellationToken ct)
    {
        if (!await PrepareAsync(name, ct))
        {
            return NotFound();
        }
        if (await ValidateAsync(ct) is not { } destination)
        {
            return Page();
        }
        var changed = _orchestration with
        {
            DestinationId = destination.Id,
            Query = Query!.Trim(),
            AllowEmpty = AllowEmpty,
            Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
            UpdatedAt = clock.GetUtcNow(),
        };
        await Catalog.SaveOrchestrationAsync(changed, ct);
        TempData["Notice"] = $"Saved the orchestration '{changed.Name}'; the next run uses the new settings.";
        return Redirect($"/orchestrations/{Uri.EscapeDataString(changed.Name)}");
    }

    protected override async Task<bool> PrepareAsync(string? name, CancellationToken ct)
    {
        if (name is null || await Catalog.FindOrchestrationAsync(name, ct) is not { } orchestration)
        {
            return false;
        }
        _orchestration = orchestration;
        Name = orchestration.Name;
        await LoadChoicesAsync(ct);
        return true;
    }
}
