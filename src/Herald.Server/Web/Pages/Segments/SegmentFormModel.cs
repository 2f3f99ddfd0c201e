using Herald.Application.Segments;
using Herald.Application.UseCases;
using Herald.Core.Audiences;
using Herald.Core.Catalog;
using Herald.Server.Api;
using Herald.Server.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Segments;

/// <summary>
/// The segment form: a name, SQL returning amperity_id and a description, with the customer 360 beside the editor.
/// "Preview" counts the segment's members and, per identifier column, how many have a usable value (by the chosen
/// destination's rule), without saving anything.
/// </summary>
internal abstract class SegmentFormModel(SegmentUseCases segments, CatalogReads catalog, SourceSchemaReads source) : PageModel, ISourceSchemaShown
{
    public const int PreviewRows = 10;

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Sql { get; set; }
    [BindProperty] public string? Description { get; set; }

    /// <summary>The destination whose value rule judges the preview's identifier values; none for any non-empty value.</summary>
    [BindProperty] public string? Destination { get; set; }

    public IReadOnlyList<Destination> Destinations { get; private set; } = [];
    public FormErrors Errors { get; } = new();
    public SegmentPreview? Preview { get; private set; }
    public string? PreviewProblem { get; private set; }
    public SourceSchema? Schema { get; private set; }
    public string? SchemaProblem { get; private set; }

    public abstract bool IsNew { get; }

    protected SegmentUseCases Segments => segments;

    protected async Task LoadChoicesAsync(CancellationToken ct)
    {
        Destinations = [.. (await catalog.ListDestinationsAsync(Callers.Web(HttpContext), ct)).Select(d => d.Destination)];
        var schema = await source.DescribeAsync(Callers.Web(HttpContext), ct);
        Schema = schema.Value;
        SchemaProblem = schema.Refusal?.Message;
    }

    public async Task<IActionResult> OnPostPreviewAsync([FromRoute] string? name, CancellationToken ct)
    {
        if (!await PrepareAsync(name, ct))
        {
            return NotFound();
        }
        // The SQL as typed, saved or not: what the person sees in the editor is what is counted.
        var preview = await segments.PreviewAsync(Callers.Web(HttpContext), null, Sql, string.IsNullOrWhiteSpace(Destination) ? null : Destination, PreviewRows, ct);
        if (preview.Succeeded)
        {
            Preview = preview.Value;
        }
        else
        {
            PreviewProblem = preview.Refusal.Message;
        }
        return Page();
    }

    /// <summary>Loads what the page needs for a post (the edited segment, the choices); false when it is gone.</summary>
    protected abstract Task<bool> PrepareAsync(string? name, CancellationToken ct);

    /// <summary>Shows a refusal beside the fields it is about; the page to show again.</summary>
    protected IActionResult Refused(Refusal refusal)
    {
        Errors.Show(refusal, conflictField: IsNew ? nameof(Name) : "");
        return Page();
    }
}
