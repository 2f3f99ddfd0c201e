using Herald.Application.Segments;
using Herald.Application.UseCases;
using Herald.Core.Audiences;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.InsiderOne;
using Herald.Server.Api;
using Herald.Server.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Orchestrations;

/// <summary>
/// The orchestration form: a destination, and a query or a saved segment with its identifier column. "Preview" runs
/// the query read-only for its first rows and checks its column against the destination's attribute, without saving
/// anything.
/// </summary>
internal abstract class OrchestrationFormModel(CatalogReads catalog, OrchestrationUseCases orchestrations, SourceSchemaReads source, SegmentUseCases segments)
    : PageModel, ISourceSchemaShown
{
    public const int PreviewRows = 100;

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Destination { get; set; }
    [BindProperty] public string? Query { get; set; }
    [BindProperty] public bool AllowEmpty { get; set; }
    [BindProperty] public string? Description { get; set; }

    /// <summary>What the orchestration sends: <see cref="SendsQuery"/> or <see cref="SendsSegment"/>.</summary>
    [BindProperty] public string Sends { get; set; } = SendsQuery;
    [BindProperty] public string? Segment { get; set; }
    [BindProperty] public string? IdentifierColumn { get; set; }

    public const string SendsQuery = "query";
    public const string SendsSegment = "segment";

    /// <summary>The saved segments to choose from, by name.</summary>
    public IReadOnlyList<string> SegmentNames { get; private set; } = [];

    public bool SendingSegment => Sends == SendsSegment;

    public IReadOnlyList<Destination> Destinations { get; private set; } = [];
    public FormErrors Errors { get; } = new();
    public QueryPreviewView? Preview { get; private set; }
    public string? PreviewProblem { get; private set; }

    /// <summary>The customer 360's tables and columns, shown beside the editor; null when they could not be read.</summary>
    public SourceSchema? Schema { get; private set; }

    /// <summary>Why <see cref="Schema"/> is missing (the source cannot be opened, the previews' gate is full).</summary>
    public string? SchemaProblem { get; private set; }

    public abstract bool IsNew { get; }

    protected CatalogReads Catalog => catalog;

    protected OrchestrationUseCases Orchestrations => orchestrations;

    protected async Task LoadChoicesAsync(CancellationToken ct)
    {
        Destinations = [.. (await catalog.ListDestinationsAsync(Callers.Web(HttpContext), ct)).Select(d => d.Destination)];
        SegmentNames = (await segments.ListAsync(Callers.Web(HttpContext), ct)).Value?.Select(s => s.Segment.Name).ToList() ?? [];
        var schema = await source.DescribeAsync(Callers.Web(HttpContext), ct);
        Schema = schema.Value;
        SchemaProblem = schema.Refusal?.Message;
    }

    protected Destination? ChosenDestination => Destinations.FirstOrDefault(d => d.Name == Destination);

    public async Task<IActionResult> OnPostPreviewAsync([FromRoute] string? name, CancellationToken ct)
    {
        if (!await PrepareAsync(name, ct))
        {
            return NotFound();
        }
        if (SendingSegment)
        {
            PreviewProblem = "This form previews a query of the orchestration's own. Preview the saved segment on its page (Segments), with this destination chosen, " +
                "for its size and how many members have a usable value.";
            return Page();
        }
        if (string.IsNullOrWhiteSpace(Query))
        {
            Errors.Add(nameof(Query), "The query is empty: write a SELECT that returns one column of values.");
            return Page();
        }
        var preview = await orchestrations.PreviewAsync(Callers.Web(HttpContext), Query, ChosenDestination?.Id.ToString(), null, PreviewRows, ct);
        if (preview.Succeeded)
        {
            Preview = preview.Value.ToView(ChosenDestination is null ? "Choose a destination to check the column against its attribute." : null);
        }
        else
        {
            PreviewProblem = preview.Refusal.Message;
        }
        return Page();
    }

    /// <summary>What the form asks to send: the query alone, or the segment and its identifier column alone.</summary>
    protected (string? Query, string? Segment, string? IdentifierColumn) Audience() =>
        SendingSegment ? (null, Segment ?? "", IdentifierColumn ?? "") : (Query ?? "", null, null);

    /// <summary>Loads what the page needs for a post (the edited orchestration, the choices); false when it is gone.</summary>
    protected abstract Task<bool> PrepareAsync(string? name, CancellationToken ct);

    /// <summary>Shows a refusal beside the fields it is about; the page to show again.</summary>
    protected IActionResult Refused(Refusal refusal)
    {
        Errors.Show(refusal, conflictField: IsNew ? nameof(Name) : "");
        return Page();
    }
}
