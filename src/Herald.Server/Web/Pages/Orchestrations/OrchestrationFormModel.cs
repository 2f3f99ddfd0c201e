using Herald.Core.Audiences;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Server.Api;
using Herald.Server.Web.Display;
using Herald.Sources.DuckDb;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Orchestrations;

/// <summary>
/// The orchestration form: a query and a destination. "Preview" runs the query read-only for its first
/// rows and checks its column against the destination's attribute, without saving anything.
/// </summary>
internal abstract class OrchestrationFormModel(ICatalogStore catalog, IAudienceSource source) : PageModel
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

    public abstract bool IsNew { get; }

    protected ICatalogStore Catalog => catalog;

    protected IAudienceSource Source => source;

    protected async Task LoadChoicesAsync(CancellationToken ct) =>
        Destinations = [.. (await catalog.ListDestinationsAsync(ct)).OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase)];

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
        // The API's gate: the page's previews count against the same limit.
        using var lease = HttpContext.RequestServices.GetRequiredService<PreviewGate>().TryEnter();
        if (!lease.IsAcquired)
        {
            PreviewProblem = HttpContext.RequestServices.GetRequiredService<PreviewGate>().Refusal;
            return Page();
        }
        try
        {
            var preview = await source.PreviewAsync(Query, PreviewRows, ct);
            var attribute = ChosenDestination?.AttributeName;
            var problem = attribute is null ? null : AudienceColumnCheck.Problem(preview.Columns, attribute);
            var check = attribute is null ? "Choose a destination to check the column against its attribute."
                : problem ?? $"One column named '{attribute}', as the destination expects.";
            Preview = new QueryPreviewView(preview.Columns, preview.Rows, attribute is not null && problem is null, check, preview.Shortened);
        }
        catch (AudienceRejectedException rejected)
        {
            PreviewProblem = rejected.Message;
        }
        return Page();
    }

    /// <summary>Loads what the page needs for a post (the edited orchestration, the choices); false when it is gone.</summary>
    protected abstract Task<bool> PrepareAsync(string? name, CancellationToken ct);

    /// <summary>Checks the form; the destination to save with, or null when the page must show problems.</summary>
    protected async Task<Destination?> ValidateAsync(CancellationToken ct)
    {
        if (IsNew)
        {
            Errors.AddRange(nameof(Name), CatalogRules.CheckCatalogName(Name, "orchestration"));
            if (!Errors.Has(nameof(Name)) && await catalog.FindOrchestrationAsync(Name!, ct) is not null)
            {
                Errors.Add(nameof(Name), $"An orchestration named '{Name}' exists already; choose another name, or edit that one.");
            }
        }
        var destination = ChosenDestination;
        if (destination is null)
        {
            Errors.Add(nameof(Destination), Destinations.Count == 0
                ? "There is no destination yet: add one first, then come back to this form."
                : "Choose the destination the audience goes to.");
        }
        else
        {
            Errors.AddRange(nameof(Query), await OrchestrationEndpoints.CheckQueryAsync(source, Query, destination.AttributeName, ct));
        }
        return Errors.Any ? null : destination;
    }
}
