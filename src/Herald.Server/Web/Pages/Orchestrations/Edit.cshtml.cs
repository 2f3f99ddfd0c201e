using Herald.Application.Segments;
using Herald.Application.UseCases;
using Herald.Core.Catalog;
using Herald.Server.Api;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Server.Web.Pages.Orchestrations;

internal sealed class EditModel(CatalogReads catalog, OrchestrationUseCases orchestrations, SourceSchemaReads source, SegmentUseCases segments)
    : OrchestrationFormModel(catalog, orchestrations, source, segments)
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
        (Sends, Segment, IdentifierColumn) = (_orchestration.SendsSegment ? SendsSegment : SendsQuery, _orchestration.Segment, _orchestration.IdentifierColumn);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string name, CancellationToken ct)
    {
        if (!await PrepareAsync(name, ct))
        {
            return NotFound();
        }
        // The form shows every field: what it sends is the orchestration as it should be.
        var (query, segment, identifierColumn) = Audience();
        var saved = await Orchestrations.UpdateAsync(Callers.Web(HttpContext), _orchestration.Id.ToString(),
            new OrchestrationChanges(Destination ?? "", query, AllowEmpty, Description ?? "", segment, identifierColumn), ct);
        if (!saved.Succeeded)
        {
            return Refused(saved.Refusal);
        }
        var changed = saved.Value;
        TempData["Notice"] = $"Saved the orchestration '{changed.Name}'; the next run uses the new settings.";
        return Redirect($"/orchestrations/{Uri.EscapeDataString(changed.Name)}");
    }

    protected override async Task<bool> PrepareAsync(string? name, CancellationToken ct)
    {
        if (name is null || (await Catalog.FindOrchestrationAsync(Callers.Web(HttpContext), name, ct)).Value is not { Orchestration: var orchestration })
        {
            return false;
        }
        _orchestration = orchestration;
        Name = orchestration.Name;
        await LoadChoicesAsync(ct);
        return true;
    }
}
