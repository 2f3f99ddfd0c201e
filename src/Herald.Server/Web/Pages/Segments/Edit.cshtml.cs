using Herald.Application.Segments;
using Herald.Application.UseCases;
using Herald.Server.Api;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Server.Web.Pages.Segments;

internal sealed class EditModel(SegmentUseCases segments, CatalogReads catalog, SourceSchemaReads source) : SegmentFormModel(segments, catalog, source)
{
    public override bool IsNew => false;

    /// <summary>The orchestrations sending the segment (those the caller may see).</summary>
    public IReadOnlyList<string> UsedBy { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromRoute] string name, CancellationToken ct)
    {
        if (!await PrepareAsync(name, ct))
        {
            return NotFound();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string name, CancellationToken ct)
    {
        if (!await PrepareAsync(name, ct))
        {
            return NotFound();
        }
        var saved = await Segments.UpdateAsync(Callers.Web(HttpContext), name, new SegmentChanges(Sql ?? "", Description ?? ""), ct);
        if (!saved.Succeeded)
        {
            return Refused(saved.Refusal);
        }
        TempData["Notice"] = $"Saved the segment '{saved.Value.Name}'; every orchestration sending it sends the new SQL from its next run.";
        return Redirect($"/segments/{Uri.EscapeDataString(saved.Value.Name)}");
    }

    public async Task<IActionResult> OnPostRemoveAsync([FromRoute] string name, CancellationToken ct)
    {
        if (!await PrepareAsync(name, ct))
        {
            return NotFound();
        }
        var removed = await Segments.RemoveAsync(Callers.Web(HttpContext), name, ct);
        if (!removed.Succeeded)
        {
            return Refused(removed.Refusal);
        }
        TempData["Notice"] = $"Removed the segment '{removed.Value.Name}'.";
        return Redirect("/segments");
    }

    /// <summary>The saved segment's fields, unless the post brought the person's own (an edit to show again with its problems).</summary>
    protected override async Task<bool> PrepareAsync(string? name, CancellationToken ct)
    {
        if (name is null || (await Segments.FindAsync(Callers.Web(HttpContext), name, ct)).Value is not { } found)
        {
            return false;
        }
        Name = found.Segment.Name;
        UsedBy = found.UsedBy;
        if (!Request.HasFormContentType || !Request.Form.ContainsKey(nameof(Sql)))
        {
            Sql = found.Segment.Sql;
            Description = found.Segment.Description;
        }
        await LoadChoicesAsync(ct);
        return true;
    }
}
