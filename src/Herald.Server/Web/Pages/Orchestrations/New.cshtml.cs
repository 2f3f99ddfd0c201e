using Herald.Application.Segments;
using Herald.Application.UseCases;
using Herald.Server.Api;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Server.Web.Pages.Orchestrations;

internal sealed class NewModel(CatalogReads catalog, OrchestrationUseCases orchestrations, SourceSchemaReads source, SegmentUseCases segments)
    : OrchestrationFormModel(catalog, orchestrations, source, segments)
{
    public override bool IsNew => true;

    public async Task OnGetAsync(string? destination, string? segment, CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        Destination = destination ?? (Destinations.Count == 1 ? Destinations[0].Name : null);
        if (segment is not null)
        {
            (Sends, Segment) = (SendsSegment, segment);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        var (query, segment, identifierColumn) = Audience();
        var added = await Orchestrations.CreateAsync(Callers.Web(HttpContext),
            new OrchestrationDraft(Name, Destination, query, AllowEmpty, Description, segment, identifierColumn), ct);
        if (!added.Succeeded)
        {
            return Refused(added.Refusal);
        }
        var orchestration = added.Value;
        TempData["Notice"] = $"Saved the orchestration '{orchestration.Name}'. Run it now, or try a test send with a small sample first.";
        return Redirect($"/orchestrations/{Uri.EscapeDataString(orchestration.Name)}");
    }

    protected override async Task<bool> PrepareAsync(string? name, CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        return true;
    }
}
