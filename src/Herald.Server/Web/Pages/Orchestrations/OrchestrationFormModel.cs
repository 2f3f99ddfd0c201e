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
/// The orchestration form: a query and a destination. "Preview" runs the query read-only for its first
/// rows and checks its column against the destination's attribute, without saving anything.
/// </summary>
internal abstract class OrchestrationFormModel(CatalogReads catalog, OrchestrationUseCases orchestrations, SourceSchemaReads source) : PageModel
{
    public const int PreviewRows = 100;

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Destination { get; set; }
    [BindProperty] public string? Query { get; set; }
    [BindProperty] public bool AllowEmpty { get; set; }
    [BindProperty] public string? Description { get; set; }

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

    /// <summary>Loads what the page needs for a post (the edited orchestration, the choices); false when it is gone.</summary>
    protected abstract Task<bool> PrepareAsync(string? name, CancellationToken ct);

    /// <summary>Shows a refusal beside the fields it is about; the page to show again.</summary>
    protected IActionResult Refused(Refusal refusal)
    {
        Errors.Show(refusal, conflictField: IsNew ? nameof(Name) : "");
        return Page();
    }
}
