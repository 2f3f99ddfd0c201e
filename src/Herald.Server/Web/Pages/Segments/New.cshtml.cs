using Herald.Application.Segments;
using Herald.Application.UseCases;
using Herald.Server.Api;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Server.Web.Pages.Segments;

internal sealed class NewModel(SegmentUseCases segments, CatalogReads catalog, SourceSchemaReads source) : SegmentFormModel(segments, catalog, source)
{
    public override bool IsNew => true;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        Sql = "SELECT amperity_id\nFROM Customer_360\nWHERE loyalty_tier = 'gold'";
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        var added = await Segments.CreateAsync(Callers.Web(HttpContext), new SegmentDraft(Name, Sql, Description), ct);
        if (!added.Succeeded)
        {
            return Refused(added.Refusal);
        }
        TempData["Notice"] = $"Saved the segment '{added.Value.Name}'. Send it through a destination with an orchestration.";
        return Redirect($"/segments/{Uri.EscapeDataString(added.Value.Name)}");
    }

    protected override async Task<bool> PrepareAsync(string? name, CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        return true;
    }
}
