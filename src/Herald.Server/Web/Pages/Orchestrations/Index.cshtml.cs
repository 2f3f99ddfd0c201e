using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Server.Api;
using Herald.Server.Runs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Orchestrations;

internal sealed class IndexModel(ICatalogStore catalog, IRunStore runs, RunLauncher launcher, TimeProvider clock) : PageModel
{
    public IReadOnlyList<OrchestrationRow> Rows { get; private set; } = [];
    public int DestinationCount { get; private set; }
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var destinations = (await catalog.ListDestinationsAsync(ct)).ToDictionary(d => d.Id, d => d.Name);
        DestinationCount = destinations.Count;
        var rows = new List<OrchestrationRow>();
        foreach (var orchestration in (await catalog.ListOrchestrationsAsync(ct)).OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase))
        {
            var last = (await runs.ListAsync(new RunQuery(OrchestrationId: orchestration.Id, Limit: 1), ct)).FirstOrDefault();
            rows.Add(new OrchestrationRow(orchestration, destinations.GetValueOrDefault(orchestration.DestinationId), last?.ToSummary()));
        }
        Rows = rows;
    }

    public async Task<IActionResult> OnPostRunAsync(string? name, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(name) || await catalog.FindOrchestrationAsync(name, ct) is not { } orchestration)
        {
            return NotFound();
        }
        try
        {
            var run = await launcher.StartOrchestrationAsync(orchestration, null, WebRuns.StartedBy, ct);
            return Redirect($"/runs/{run.Id}");
        }
        catch (CatalogProblem problem)
        {
            TempData["Problem"] = problem.Message;
            return RedirectToPage();
        }
    }
}

internal sealed record OrchestrationRow(Orchestration Orchestration, string? DestinationName, RunSummary? LastRun);
